import * as pulumi from "@pulumi/pulumi";

/**
 * The stack name as it may appear in RDS identifiers, KMS aliases and bucket names (lower-case
 * letters, digits, single hyphens): two stacks in one account keep their names apart.
 */
export function stackSlug(): string {
    return pulumi.getStack().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 30).replace(/-+$/, "");
}
