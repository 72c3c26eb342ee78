import { StackConfig } from "./config";
import { eksCluster } from "./cluster-eks";
import { sksCluster } from "./cluster-sks";
import { buildFoundation, foundationOutputs } from "./foundation";
import { frontend } from "./frontend";
import { ingress } from "./ingress";
import { tenants } from "./tenants";

/** Staging and development: the same platform, smaller and cheaper. */
export async function staging(config: StackConfig) {
    const foundation = buildFoundation(config);
    const eks = eksCluster(foundation);
    const sks = sksCluster(foundation);
    const site = frontend(foundation);
    const edge = ingress(foundation, { eks: eks.cluster, sks: sks.cluster });
    const ringfences = await tenants(foundation, eks.cluster);
    return { ...foundationOutputs(foundation), ...site.outputs, ...eks.outputs, ...sks.outputs, ...edge.outputs, ...ringfences.outputs };
}
