import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { FargateSite } from "../components/fargate";
import { environments } from "./config";
import { fargateZone } from "./config/fargate";
import { Foundation } from "./foundation";

interface EnvironmentDefaults {
    /** Most tasks on FARGATE_SPOT: interruptions are fine where nobody shops. */
    spot: boolean;
    multiAz: boolean;
    deletionProtection: boolean;
    minimumHealthyPercent: number;
    backupRetentionDays: number;
    logRetentionDays: number;
}

/** What each environment gives the site; sizes come from `platform:fargate` or the component's defaults. */
const environmentDefaults: Record<(typeof environments)[number], EnvironmentDefaults> = {
    production: { spot: false, multiAz: true, deletionProtection: true, minimumHealthyPercent: 100, backupRetentionDays: 30, logRetentionDays: 90 },
    staging: { spot: true, multiAz: false, deletionProtection: true, minimumHealthyPercent: 50, backupRetentionDays: 7, logRetentionDays: 30 },
    development: { spot: true, multiAz: false, deletionProtection: false, minimumHealthyPercent: 50, backupRetentionDays: 7, logRetentionDays: 14 },
};

/**
 * The PHP site from `platform:fargate`, in the primary region's VPC, its records in the ingress
 * hosted zone that holds its hostname. A stack without the section runs no site.
 */
export function fargate(foundation: Foundation) {
    const { config, network } = foundation;
    const site = config.fargate;
    if (!site) {
        return { outputs: {} };
    }
    const zone = fargateZone(site.hostname, config.ingress.hostedZones);
    if (!zone) {
        throw new pulumi.RunError(`platform:fargate.hostname: found ${JSON.stringify(site.hostname)}; expected a name under one of platform:ingress.hostedZones`);
    }
    const defaults = environmentDefaults[config.environment];
    const component = new FargateSite(site.name, {
        hostname: site.hostname,
        hostedZone: zone,
        network: { vpcId: network.vpcId, publicSubnetIds: network.publicSubnetIds, privateSubnetIds: network.privateSubnetIds },
        logs: foundation.logs.forRegion(config.primaryRegion),
        imageTag: site.imageTag,
        github: site.github,
        // Unique per account and region, and two stacks may share an account.
        physicalName: `${site.name}-${pulumi.getStack()}`,
        containerPort: site.containerPort,
        healthCheckPath: site.healthCheckPath,
        cpu: site.cpu,
        memory: site.memory,
        minTasks: site.minTasks,
        maxTasks: site.maxTasks,
        spot: defaults.spot,
        multiAz: defaults.multiAz,
        deletionProtection: defaults.deletionProtection,
        minimumHealthyPercent: defaults.minimumHealthyPercent,
        execEnabled: site.exec,
        logRetentionDays: site.logRetentionDays ?? defaults.logRetentionDays,
        // A release runs this whole program with the deploy role: its AWS lookups (the network's
        // availability zones, the frontend's managed cache policy) must answer.
        deployReadActions: ["ec2:DescribeAvailabilityZones", "cloudfront:ListCachePolicies", "cloudfront:GetCachePolicy"],
        database: { ...site.database, backupRetentionDays: site.database?.backupRetentionDays ?? defaults.backupRetentionDays },
        cache: site.cache,
        // Without the section the site has no legacy servers to share its name with.
        cutover: site.cutover ?? { weight: 100 },
    }, {
        // The cache's auth token comes from `random`; like every other package here it gets an
        // explicit provider, so nothing depends on a default provider's ambient settings.
        providers: { aws: foundation.aws.forRegion(config.primaryRegion), random: new random.Provider("random") },
    });
    return {
        site: component,
        outputs: {
            fargateUrl: component.url,
            fargateRepositoryUrl: component.repositoryUrl,
            fargateImage: component.image,
            fargateClusterName: component.clusterName,
            fargateServiceName: component.serviceName,
            fargateLoadBalancerDnsName: component.loadBalancerDnsName,
            fargateDeployRoleArn: component.deployRoleArn,
            fargateUploadsBucketName: component.uploadsBucketName,
            fargateDatabaseSecretArn: component.databaseSecretArn,
            fargateCacheAuthTokenSecretArn: component.cacheAuthTokenSecretArn,
            fargateLogGroupName: component.logGroupName,
        },
    };
}
