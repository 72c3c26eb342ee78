import { StackConfig } from "./config";
import { platform } from "./platform";

/**
 * Staging and development: the same platform, smaller and cheaper: sizes from the stack file, and
 * the feature modules' environment defaults (single-AZ databases, Let's Encrypt's staging issuer,
 * `starter` SKS).
 */
export function staging(config: StackConfig) {
    return platform(config);
}
