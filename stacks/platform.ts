import { eksCluster } from "./cluster-eks";
import { sksCluster } from "./cluster-sks";
import { StackConfig } from "./config";
import { fargate } from "./fargate";
import { buildFoundation, foundationOutputs } from "./foundation";
import { frontend } from "./frontend";
import { ingress } from "./ingress";
import { tenants } from "./tenants";

/**
 * The platform every environment runs: network, EKS and SKS clusters, their ingress, the tenants'
 * ringfences and the frontend. What differs between environments (sizes, counts, retention,
 * service levels, issuers, protections) comes from the stack's config and the per-environment
 * rules the config schema enforces, never from a second copy of this composition.
 */
export function platform(config: StackConfig) {
    const foundation = buildFoundation(config);
    const eks = eksCluster(foundation);
    const sks = sksCluster(foundation);
    const site = frontend(foundation);
    const edge = ingress(foundation, { eks: eks.cluster, sks: sks.cluster });
    const ringfences = tenants(foundation, eks.cluster);
    return { ...foundationOutputs(foundation), ...site.outputs, ...eks.outputs, ...sks.outputs, ...edge.outputs, ...ringfences.outputs, ...fargate(foundation).outputs };
}
