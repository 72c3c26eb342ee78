/**
 * Departments the tag policies allow by default (override with their `allowedDepartments` config).
 * The stack config reads the same list, so a stack names a department the pack accepts.
 */
export const defaultAllowedDepartments = ["platform-engineering", "engineering", "data", "security", "finance", "operations"];
