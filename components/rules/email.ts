/** An email address as ACME accounts take it: a local part and a domain with a top-level label. */
export function isEmailAddress(value: string): boolean {
    return /^[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,}$/i.test(value);
}
