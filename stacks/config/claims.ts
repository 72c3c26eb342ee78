import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/**
 * Names a stack claims that no other stack or account may hold at the same time: S3 bucket names
 * are global, and a public hostname is a DNS record, a certificate and often a CloudFront alias
 * (which CloudFront lets one distribution hold). Each entry is a config path; `[]` steps into
 * every element of a list. Adding a source of public hostnames is one entry here.
 */
const claimedNames = {
    hostname: [
        ["frontend", "dnsEntry"],
        ["tenants", "[]", "cdnDomain"],
        ["ingress", "sampleHosts", "eks"],
        ["ingress", "sampleHosts", "sks"],
        ["fargate", "hostname"],
    ],
    bucket: [["frontend", "bucketName"]],
} as const;

type ClaimKind = keyof typeof claimedNames;

/** One name a stack claims, where it is configured (without the namespace), e.g. `["tenants", 0, "cdnDomain"]`. */
export interface Claim {
    readonly kind: ClaimKind;
    readonly path: readonly (string | number)[];
    readonly name: string;
}

function valuesAt(value: unknown, pattern: readonly string[], at: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
    if (pattern.length === 0) {
        return [{ path: at, value }];
    }
    const [step, ...rest] = pattern;
    if (step === "[]") {
        return Array.isArray(value) ? value.flatMap((element, index) => valuesAt(element, rest, [...at, index])) : [];
    }
    const child = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[step] : undefined;
    return child === undefined ? [] : valuesAt(child, rest, [...at, step]);
}

/** Every globally unique name in a stack's config (the `platform:` namespace, keys without it), as far as it is a string. */
function claimsOf(config: Record<string, unknown>): Claim[] {
    return (Object.keys(claimedNames) as ClaimKind[]).flatMap((kind) =>
        claimedNames[kind].flatMap((pattern) =>
            valuesAt(config, pattern).flatMap(({ path: at, value }) => (typeof value === "string" ? [{ kind, path: at, name: value }] : [])),
        ),
    );
}

/** `frontend.dnsEntry`, `tenants[0].cdnDomain`: a claim's path as a config key. */
function keyOf(namespace: string, claimPath: readonly (string | number)[]): string {
    const [head, ...rest] = claimPath;
    return `${namespace}:${String(head)}${rest.map((step) => (typeof step === "number" ? `[${step}]` : `.${step}`)).join("")}`;
}

/** Each public hostname once in a stack: two claims of one name are two distributions or records fighting over it. */
export function duplicateHostnameIssues(namespace: string, config: Record<string, unknown>): { path: (string | number)[]; message: string }[] {
    const first = new Map<string, Claim>();
    return claimsOf(config)
        .filter((claim) => claim.kind === "hostname")
        .flatMap((claim) => {
            const earlier = first.get(claim.name);
            if (earlier === undefined) {
                first.set(claim.name, claim);
                return [];
            }
            return [{ path: [...claim.path], message: `a hostname not used by ${keyOf(namespace, earlier.path)}: every public hostname of a stack is unique` }];
        });
}

/** The `<namespace>:` part of a stack file's config, keyed without the namespace (plain values only). */
function namespaceConfig(namespace: string, stackConfig: Record<string, unknown>): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stackConfig)) {
        if (key.startsWith(`${namespace}:`)) {
            config[key.slice(namespace.length + 1)] = value;
        } else if (!key.includes(":")) {
            config[key] = value;
        }
    }
    return config;
}

/**
 * A stack copied from another keeps that stack's globally unique names, and the preview of the
 * copy alone cannot see it. Compares this stack's claims with every other `Pulumi.<stack>.yaml`
 * in the project directory: one line per name both claim, naming both stack files.
 */
export function crossStackClashes(projectDirectory: string, namespace: string, stack: string, config: Record<string, unknown>): string[] {
    const ownFile = `Pulumi.${stack}.yaml`;
    const claims = claimsOf(config);
    const others = fs
        .readdirSync(projectDirectory)
        .filter((file) => /^Pulumi\..+\.ya?ml$/.test(file) && file !== ownFile && file !== `Pulumi.${stack}.yml`)
        .sort();
    return others.flatMap((file) => {
        let document: unknown;
        try {
            document = yaml.load(fs.readFileSync(path.join(projectDirectory, file), "utf8"));
        } catch (err) {
            const mark = err instanceof yaml.YAMLException ? err.mark : undefined;
            const where = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
            return [`${where}: ${err instanceof yaml.YAMLException ? err.reason : String(err)} (read to check that ${ownFile} claims no name it claims)`];
        }
        const stackConfig = (document as { config?: unknown } | null)?.config;
        if (typeof stackConfig !== "object" || stackConfig === null) {
            return [];
        }
        const theirs = claimsOf(namespaceConfig(namespace, stackConfig as Record<string, unknown>));
        return claims.flatMap((claim) =>
            theirs
                .filter((their) => their.kind === claim.kind && their.name === claim.name)
                .map((their) =>
                    `${keyOf(namespace, claim.path)}: found ${JSON.stringify(claim.name)} in ${ownFile}, which ${file} claims too (${keyOf(namespace, their.path)}); expected a ${claim.kind === "bucket" ? "bucket name" : "hostname"} of this stack's own: S3 bucket names and public hostnames are global`,
                ),
        );
    });
}
