import { OutputContext, OutputFactory } from "./context";

/**
 * Realistic outputs for the Exoscale resources the platform uses: UUIDs as the v2 API issues
 * them, SKS endpoints under `sks-<zone>.exo.io`, kubeconfigs as YAML (secret), NLB addresses.
 * Exoscale providers carry no region: zonal resources name their own `zone` input.
 */

/** A fixed instant keeps every preview byte-identical. */
const offlineTimestamp = "2025-01-01T00:00:00Z";

/** SKS's newest release, reported when a cluster leaves `version` to the API. */
const defaultSksVersion = "1.34.3";

function zoneOf(ctx: OutputContext): string {
    return String(ctx.inputs.zone ?? ctx.region);
}

/** Names the provider computes when none is given. */
function nameOf(ctx: OutputContext): string {
    return (ctx.inputs.name as string | undefined) ?? ctx.autoName();
}

function pem(ctx: OutputContext, label: string): string {
    const body = Buffer.from(ctx.ids.hex(512, label), "hex").toString("base64").match(/.{1,64}/g)!.join("\n");
    return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** The API endpoint SKS gives a cluster: its id under the zone's SKS domain. */
export function sksEndpoint(clusterId: string, zone: string): string {
    return `https://${clusterId}.sks-${zone}.exo.io`;
}

function sksCluster(ctx: OutputContext) {
    const id = ctx.ids.uuid();
    return {
        id,
        outputs: {
            name: nameOf(ctx),
            endpoint: sksEndpoint(id, zoneOf(ctx)),
            version: ctx.inputs.version ?? defaultSksVersion,
            state: "running",
            createdAt: offlineTimestamp,
            nodepools: [],
            addons: ["exoscale-cloud-controller", "metrics-server"],
            enableKubeProxy: ctx.inputs.enableKubeProxy ?? true,
            oidc: ctx.inputs.oidc ?? { clientId: "", issuerUrl: "" },
            controlPlaneCa: pem(ctx, "control-plane-ca"),
            aggregationCa: pem(ctx, "aggregation-ca"),
            kubeletCa: pem(ctx, "kubelet-ca"),
        },
    };
}

function sksNodepool(ctx: OutputContext) {
    return {
        id: ctx.ids.uuid(),
        outputs: {
            name: nameOf(ctx),
            instancePoolId: ctx.ids.uuid("instance-pool"),
            templateId: ctx.ids.uuid("template"),
            version: defaultSksVersion,
            state: "running",
            createdAt: offlineTimestamp,
        },
    };
}

/** A kubeconfig as SKS issues it: the cluster's endpoint, a client certificate for `user` in `groups`. */
function sksKubeconfig(ctx: OutputContext) {
    const clusterId = String(ctx.inputs.clusterId);
    const server = `${sksEndpoint(clusterId, zoneOf(ctx))}:443`;
    const user = String(ctx.inputs.user);
    const base64 = (label: string) => Buffer.from(pem(ctx, label)).toString("base64");
    const kubeconfig = [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: ${clusterId}`,
        "  cluster:",
        `    certificate-authority-data: ${base64("ca")}`,
        `    server: ${server}`,
        "users:",
        `- name: ${user}`,
        "  user:",
        `    client-certificate-data: ${base64("client-certificate")}`,
        `    client-key-data: ${Buffer.from(`-----BEGIN PRIVATE KEY-----\n${ctx.ids.hex(64, "key")}\n-----END PRIVATE KEY-----\n`).toString("base64")}`,
        "contexts:",
        `- name: ${user}@${clusterId}`,
        "  context:",
        `    cluster: ${clusterId}`,
        `    user: ${user}`,
        `current-context: ${user}@${clusterId}`,
        "",
    ].join("\n");
    return { id: ctx.ids.uuid(), outputs: { kubeconfig, readyForRenewal: false }, secretOutputs: ["kubeconfig"] };
}

function nlb(ctx: OutputContext) {
    const octet = (label: string) => Number.parseInt(ctx.ids.hex(2, label), 16) % 254 + 1;
    return {
        id: ctx.ids.uuid(),
        outputs: {
            name: nameOf(ctx),
            ipAddress: `194.182.${octet("c")}.${octet("d")}`,
            services: [],
            state: "running",
            createdAt: offlineTimestamp,
        },
    };
}

export const exoscaleOutputs: Record<string, OutputFactory> = {
    "exoscale:index/sksCluster:SksCluster": sksCluster,
    "exoscale:index/sksNodepool:SksNodepool": sksNodepool,
    "exoscale:index/sksKubeconfig:SksKubeconfig": sksKubeconfig,
    "exoscale:index/securityGroup:SecurityGroup": (ctx) => ({ id: ctx.ids.uuid(), outputs: { name: nameOf(ctx) } }),
    "exoscale:index/securityGroupRule:SecurityGroupRule": (ctx) => ({ id: ctx.ids.uuid(), outputs: {} }),
    "exoscale:index/antiAffinityGroup:AntiAffinityGroup": (ctx) => ({ id: ctx.ids.uuid(), outputs: { name: nameOf(ctx) } }),
    "exoscale:index/nlb:Nlb": nlb,
    "exoscale:index/nlbService:NlbService": (ctx) => ({ id: ctx.ids.uuid(), outputs: { name: nameOf(ctx), state: "running" } }),
};

/** Exoscale resources without a dedicated factory get a UUID like the API's. */
export function genericExoscaleOutputs(ctx: OutputContext) {
    return { id: ctx.ids.uuid(), outputs: {} };
}
