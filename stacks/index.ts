import { environments, loadStackConfig, StackConfig } from "./config";
import { prod } from "./prod";
import { staging } from "./staging";

/**
 * The program for a stack is chosen by `platform:environment`, never by the stack's name, so a
 * second production region or a load-test copy is one more Pulumi.<stack>.yaml.
 */
const programs: Record<(typeof environments)[number], (config: StackConfig) => object> = {
    production: prod,
    staging,
    development: staging,
};

export = async () => {
    const config = loadStackConfig();
    return programs[config.environment](config);
};
