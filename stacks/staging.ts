import { StackConfig } from "./config";
import { buildFoundation, foundationOutputs } from "./foundation";

/** Staging and development: the same platform, smaller and cheaper. */
export function staging(config: StackConfig) {
    const foundation = buildFoundation(config);
    return { ...foundationOutputs(foundation) };
}
