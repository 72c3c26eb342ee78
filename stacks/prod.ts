import { StackConfig } from "./config";
import { platform } from "./platform";

/**
 * Production: the full platform, held by the production rules in `stacks/config` (three AZs with
 * a NAT gateway each, Multi-AZ databases, a restricted API endpoint) and sized by Pulumi.prod.yaml.
 */
export function prod(config: StackConfig) {
    return platform(config);
}
