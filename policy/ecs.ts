import { ResourceValidationPolicy } from "@pulumi/policy";
import { isProduction, known, ofType } from "./util";

export interface FargateSpotConfig {
    minSpotWeightPercent: number;
}

export const fargateSpotOutsideProduction: ResourceValidationPolicy = {
    name: "fargate-spot-outside-production",
    description: "Outside production, Fargate services run at least part of their tasks on FARGATE_SPOT (about 70 % cheaper) through capacityProviderStrategies.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minSpotWeightPercent: { type: "integer", default: 1 } } },
    validateResource: ofType("aws:ecs/service:Service", (_props, args, reportViolation) => {
        // An environment a preview does not know yet is judged at `up`.
        if (isProduction(args.props, args.provider?.props) !== false) {
            return;
        }
        const launchType = known(() => args.props.launchType);
        const strategies: { capacityProvider?: string; weight?: number }[] | undefined = known(() =>
            (args.props.capacityProviderStrategies ?? []).map((strategy: any) => ({ capacityProvider: strategy.capacityProvider, weight: strategy.weight ?? 0 })),
        );
        if (strategies === undefined) {
            return;
        }
        const fargate = strategies.filter((strategy) => strategy.capacityProvider === "FARGATE" || strategy.capacityProvider === "FARGATE_SPOT");
        const { minSpotWeightPercent } = args.getConfig<FargateSpotConfig>();
        if (launchType === "FARGATE") {
            reportViolation(`launchType FARGATE runs every task on on-demand Fargate; drop launchType and set capacityProviderStrategies with FARGATE_SPOT (at least ${minSpotWeightPercent} % of the weight)`);
            return;
        }
        // Neither a launch type nor a strategy: the cluster's default strategy decides, which a
        // resource policy cannot see; outside production the service must say what it runs on.
        if (launchType === undefined && strategies.length === 0) {
            reportViolation(
                `no launchType or capacityProviderStrategies: the cluster's default decides, which this policy cannot check; set capacityProviderStrategies with FARGATE_SPOT (at least ${minSpotWeightPercent} % of the weight), or launchType EC2`,
            );
            return;
        }
        // EC2 capacity: not Fargate.
        if (fargate.length === 0) {
            return;
        }
        const totalWeight = fargate.reduce((sum, strategy) => sum + (strategy.weight ?? 0), 0);
        const spotWeight = fargate.filter((strategy) => strategy.capacityProvider === "FARGATE_SPOT").reduce((sum, strategy) => sum + (strategy.weight ?? 0), 0);
        const spotPercent = totalWeight === 0 ? 0 : (100 * spotWeight) / totalWeight;
        if (spotWeight === 0 || spotPercent < minSpotWeightPercent) {
            reportViolation(
                `FARGATE_SPOT has ${spotWeight} of ${totalWeight} capacity provider weight outside production; give FARGATE_SPOT at least ${minSpotWeightPercent} % of the weight (FARGATE may keep a base of on-demand tasks)`,
            );
        }
    }),
};

/** ECS services: what capacity their tasks run on. */
export const ecsPolicies = [fargateSpotOutsideProduction];
