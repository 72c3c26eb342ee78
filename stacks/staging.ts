import { StackConfig } from "./config";
import { platform } from "./platform";

/**
 * Staging and development: the same platform, smaller and cheaper (sizes from the stack file,
 * Let's Encrypt's staging issuer, single NAT gateway, single-AZ databases).
 */
export function staging(config: StackConfig) {
    return platform(config);
}
