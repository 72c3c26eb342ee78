import { StackConfig } from "./config";
import { platform } from "./platform";

/**
 * Production: the full platform, sized by its stack file and held to production's rules: the
 * config schema's (three AZs with a NAT gateway each, no API endpoint open to the internet) and the
 * feature modules' environment defaults (Multi-AZ databases, 30-day backups, `pro` SKS).
 */
export function prod(config: StackConfig) {
    return platform(config);
}
