import { EksPlatformCluster } from "../components/cluster/types";
import { PersistenceNetworks } from "../components/persistence-network";
import { Ringfence, RingfenceArgs } from "../components/ringfence";
import { PriceClass } from "../components/s3-cdn";
import { cloudflareProvider } from "./cloudflare";
import { environments } from "./config";
import { persistenceCidr, TenantConfig } from "./config/tenants";
import { AwsRegion } from "../components/rules/aws-regions";
import { Foundation } from "./foundation";
import { stackSlug } from "./names";

interface EnvironmentDefaults {
    backupRetentionDays: number;
    multiAz: boolean;
    performanceInsights: boolean;
    priceClass: PriceClass;
    /** Days the databases' logs stay in CloudWatch: the pack caps them at 30 outside production. */
    databaseLogRetentionDays: number;
}

/** What each environment gives every tenant unless its config says otherwise (backups only). */
const environmentDefaults: Record<(typeof environments)[number], EnvironmentDefaults> = {
    production: { backupRetentionDays: 30, multiAz: true, performanceInsights: true, priceClass: "PriceClass_All", databaseLogRetentionDays: 365 },
    staging: { backupRetentionDays: 7, multiAz: false, performanceInsights: false, priceClass: "PriceClass_100", databaseLogRetentionDays: 30 },
    development: { backupRetentionDays: 7, multiAz: false, performanceInsights: false, priceClass: "PriceClass_100", databaseLogRetentionDays: 30 },
};

/**
 * One Ringfence per `platform:tenants` entry on the EKS cluster. Databases of tenants in the
 * cluster's region go in the cluster VPC's private subnets; every other region gets one
 * persistence VPC, peered with the cluster's and shared by its tenants.
 */
export function tenants(foundation: Foundation, cluster: EksPlatformCluster) {
    const { config, network } = foundation;
    const nameSuffix = stackSlug();
    const defaults = environmentDefaults[config.environment];
    const clusterNetwork = {
        region: config.primaryRegion,
        vpcId: network.vpcId,
        cidr: network.cidr,
        subnetIds: network.privateSubnetIds,
        routeTableIds: network.privateRouteTableIds,
    };
    const persistence = new PersistenceNetworks({
        cluster: clusterNetwork,
        providers: foundation.aws,
        availabilityZones: config.network.availabilityZones,
        cidrFor: (region) => persistenceCidr(region as AwsRegion),
        logs: foundation.logs,
    });
    const dns = cloudflareProvider(foundation);

    const ringfenceArgs = (tenant: TenantConfig): RingfenceArgs => ({
        tenant: tenant.name,
        nameSuffix,
        region: tenant.region,
        providers: foundation.aws,
        cluster,
        clusterCidr: network.cidr,
        network: persistence.forRegion(tenant.region),
        logs: foundation.logs.forRegion(tenant.region),
        database: {
            ...tenant.database,
            multiAz: defaults.multiAz,
            performanceInsights: defaults.performanceInsights,
            logRetentionDays: defaults.databaseLogRetentionDays,
            backupRetentionDays: tenant.retention?.backupRetentionDays ?? defaults.backupRetentionDays,
        },
        storage: {
            noncurrentVersionExpirationDays: tenant.retention?.noncurrentVersionExpirationDays,
            glacierTransitionDays: tenant.retention?.glacierTransitionDays,
        },
        cdn: {
            domain: tenant.cdnDomain,
            zoneName: config.domain,
            priceClass: defaults.priceClass,
            responseHeadersPolicyId: foundation.edge.responseHeadersPolicyId,
            webAclArn: foundation.edge.webAclArn,
        },
        quota: tenant.quota,
        offboarding: tenant.offboarding,
    });

    const ringfences = config.tenants.map(
        (tenant) => new Ringfence(`tenant-${tenant.name}`, ringfenceArgs(tenant), { providers: { cloudflare: dns } }),
    );

    return {
        ringfences,
        outputs: {
            tenants: Object.fromEntries(ringfences.map((ringfence, index) => [config.tenants[index].name, {
                region: config.tenants[index].region,
                namespace: ringfence.namespace,
                serviceAccountName: ringfence.serviceAccountName,
                roleArn: ringfence.roleArn,
                bucketName: ringfence.bucketName,
                keyArn: ringfence.keyArn,
                dbEndpoint: ringfence.dbEndpoint,
                dbAddress: ringfence.dbAddress,
                dbSecretArn: ringfence.dbSecretArn,
                distributionId: ringfence.distributionId,
                cdnUrl: ringfence.cdnUrl,
            }])),
        },
    };
}

