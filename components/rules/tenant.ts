/**
 * Tenant naming, shared by Ringfence and the stack config (`platform:tenants[].name`). Returns
 * what was expected; empty when the name is fine.
 */

/**
 * Longest tenant name. The name is embedded in every derived name: the namespace
 * `tenant-<name>`, the bucket `tenant-<name>-data-<7 hex>` (S3: 63), the database identifier
 * `tenant-<name>-<nameSuffix>` (RDS: 63; the stacks pass a slug of the stack name), the role `tenant-<name>-role-<7 hex>` (IAM: 64) and the
 * final snapshot `tenant-<name>-<nameSuffix>-final`; 20 leaves each of them room for its suffixes.
 */
export const tenantNameMaxLength = 20;

/** DNS-label safe, no double hyphen (RDS identifiers forbid it), ends with a letter or digit. */
const tenantNamePattern = /^[a-z]([a-z0-9]|-(?=[a-z0-9]))*$/;

export function tenantNameProblems(name: string): string[] {
    if (name.length >= 2 && name.length <= tenantNameMaxLength && tenantNamePattern.test(name)) {
        return [];
    }
    return [`2-${tenantNameMaxLength} lower-case letters, digits or single hyphens, starting with a letter and ending with a letter or digit`];
}
