import { loadBalancerSubnetTags } from "../components/ingress";
import { Network } from "../components/network";
import { StackConfig } from "./config";
import { AwsProviders, stackTags } from "./providers";

/** What every stack program starts from: its explicit providers and the primary region's network. */
export interface Foundation {
    readonly config: StackConfig;
    readonly aws: AwsProviders;
    readonly network: Network;
}

export function buildFoundation(config: StackConfig): Foundation {
    const providers = new AwsProviders(stackTags(config));
    const network = new Network("primary", {
        ...config.network,
        publicSubnetTags: loadBalancerSubnetTags.public,
        privateSubnetTags: loadBalancerSubnetTags.private,
    }, { provider: providers.forRegion(config.primaryRegion) });
    return { config, aws: providers, network };
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
