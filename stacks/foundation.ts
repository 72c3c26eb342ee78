import { CdnEdge } from "../components/cdn-edge";
import { loadBalancerSubnetTags } from "../components/ingress";
import { LogBuckets } from "../components/log-bucket";
import { Network } from "../components/network";
import { StackConfig } from "./config";
import { stackSlug } from "./names";
import { AwsProviders, stackTags } from "./providers";

/**
 * What every stack program starts from: its explicit providers, the log bucket of each region
 * that logs, what its CloudFront distributions share, and the primary region's network.
 */
export interface Foundation {
    readonly config: StackConfig;
    readonly aws: AwsProviders;
    /** One log bucket per region: S3 access logs, CloudFront logs and flow logs stay in their region. */
    readonly logs: LogBuckets;
    /** The security-headers policy and, in production or with `platform:cdnWaf`, the web ACL of every distribution. */
    readonly edge: CdnEdge;
    readonly network: Network;
}

/** Days the log buckets keep logs: production's audit window; elsewhere the pack's non-production cap. */
const logRetentionDays = { production: 90, staging: 30, development: 30 } as const;

export function buildFoundation(config: StackConfig): Foundation {
    const providers = new AwsProviders(stackTags(config));
    const logs = new LogBuckets({
        providers,
        // Bucket names are global: the project and stack here, the region and account in the component.
        namePrefix: `${config.project}-${stackSlug()}`,
        retentionDays: logRetentionDays[config.environment],
    });
    const edge = new CdnEdge("cdn-edge", { providers, webAcl: config.cdnWaf ?? config.environment === "production" });
    const network = new Network("primary", {
        ...config.network,
        publicSubnetTags: loadBalancerSubnetTags.public,
        privateSubnetTags: loadBalancerSubnetTags.private,
        flowLogs: logs.forRegion(config.primaryRegion),
    }, { provider: providers.forRegion(config.primaryRegion) });
    return { config, aws: providers, logs, edge, network };
}

/** Stack outputs every environment exports. */
export function foundationOutputs(foundation: Foundation) {
    return {
        environment: foundation.config.environment,
        primaryRegion: foundation.config.primaryRegion,
        vpcId: foundation.network.vpcId,
        privateSubnetIds: foundation.network.privateSubnetIds,
        publicSubnetIds: foundation.network.publicSubnetIds,
    };
}
