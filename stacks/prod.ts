import { StackConfig } from "./config";
import { buildFoundation, foundationOutputs } from "./foundation";

/** Production: three AZs with NAT per AZ, the full-size platform. */
export function prod(config: StackConfig) {
    const foundation = buildFoundation(config);
    return { ...foundationOutputs(foundation) };
}
