import { OutputContext, OutputFactory } from "./context";
import { LOWER_ALNUM, UPPER_ALNUM } from "./ids";

/**
 * Realistic outputs for the AWS resources the platform uses: ids with the service's prefixes,
 * ARNs in each service's own format (global services carry no region, S3 no account), and the
 * endpoints and domain names the provider would report. Types not listed fall back to
 * `genericAwsOutputs`.
 */

function arn(ctx: OutputContext, service: string, resource: string, regional = true, withAccount = true): string {
    return `arn:${ctx.partition}:${service}:${regional ? ctx.region : ""}:${withAccount ? ctx.account : ""}:${resource}`;
}

/** EC2-style ids: `<prefix>-<17 hex>`. */
function ec2Id(ctx: OutputContext, prefix: string): string {
    return `${prefix}-${ctx.ids.hex(17, prefix)}`;
}

function ec2(prefix: string, kind: string, extra: (ctx: OutputContext, id: string) => Record<string, unknown> = () => ({})): OutputFactory {
    return (ctx) => {
        const id = ec2Id(ctx, prefix);
        return { id, outputs: { arn: arn(ctx, "ec2", `${kind}/${id}`), ownerId: ctx.account, ...extra(ctx, id) } };
    };
}

/** Resources named by an input (`name` unless given), auto-named like the provider when absent. */
function named(property: string, ctx: OutputContext, maxLength?: number): string {
    return (ctx.inputs[property] as string | undefined) ?? ctx.autoName(maxLength);
}

function iamNamed(kind: string): OutputFactory {
    return (ctx) => {
        const name = named("name", ctx, 64);
        const path = (ctx.inputs.path as string | undefined) ?? "/";
        return {
            id: kind === "policy" ? arn(ctx, "iam", `policy${path}${name}`, false) : name,
            outputs: {
                name,
                path,
                arn: arn(ctx, "iam", `${kind}${path}${name}`, false),
                uniqueId: `${kind === "role" ? "AROA" : "ANPA"}${ctx.ids.chars(17, UPPER_ALNUM, "unique")}`,
            },
        };
    };
}

function s3Bucket(ctx: OutputContext) {
    const bucket = named("bucket", ctx, 63).toLowerCase();
    return {
        id: bucket,
        outputs: {
            bucket,
            arn: `arn:${ctx.partition}:s3:::${bucket}`,
            bucketDomainName: `${bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
            hostedZoneId: "Z21DNDUVLTQW6Q",
            region: ctx.region,
        },
    };
}

/** Sub-resources of a bucket (policy, versioning, ...) are identified by the bucket name. */
function byBucket(ctx: OutputContext) {
    return { id: String(ctx.inputs.bucket ?? ctx.name), outputs: {} };
}

function secretArn(ctx: OutputContext, name: string): string {
    return arn(ctx, "secretsmanager", `secret:${name}-${ctx.ids.chars(6, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "suffix")}`);
}

function rdsInstance(ctx: OutputContext) {
    const identifier = named("identifier", ctx, 63).toLowerCase();
    const port = (ctx.inputs.port as number | undefined) ?? (String(ctx.inputs.engine).includes("mysql") ? 3306 : 5432);
    const address = `${identifier}.c${ctx.ids.chars(11, LOWER_ALNUM, "endpoint")}.${ctx.region}.rds.amazonaws.com`;
    const resourceId = `db-${ctx.ids.chars(26, UPPER_ALNUM, "resource")}`;
    const outputs: Record<string, unknown> = {
        identifier,
        arn: arn(ctx, "rds", `db:${identifier}`),
        address,
        endpoint: `${address}:${port}`,
        port,
        resourceId,
        hostedZoneId: "Z1RLNUO7B9Q6NB",
    };
    if (ctx.inputs.manageMasterUserPassword) {
        outputs.masterUserSecrets = [
            {
                secretArn: secretArn(ctx, `rds!db-${ctx.ids.uuid("secret")}`),
                kmsKeyId: ctx.inputs.masterUserSecretKmsKeyId ?? arn(ctx, "kms", `key/${ctx.ids.uuid("secret-key")}`),
                secretStatus: "active",
            },
        ];
    }
    return { id: identifier, outputs };
}

function acmCertificate(ctx: OutputContext) {
    const domains = [ctx.inputs.domainName as string, ...((ctx.inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
    return {
        id: arn(ctx, "acm", `certificate/${ctx.ids.uuid()}`),
        outputs: {
            arn: arn(ctx, "acm", `certificate/${ctx.ids.uuid()}`),
            status: "PENDING_VALIDATION",
            domainValidationOptions: domains.map((domainName) => ({
                domainName,
                resourceRecordName: `_${ctx.ids.hex(32, `name:${domainName}`)}.${domainName}.`,
                resourceRecordType: "CNAME",
                resourceRecordValue: `_${ctx.ids.hex(32, `value:${domainName}`)}.${ctx.ids.chars(10, LOWER_ALNUM, domainName)}.acm-validations.aws.`,
            })),
        },
    };
}

function cloudfrontDistribution(ctx: OutputContext) {
    const id = `E${ctx.ids.chars(13, UPPER_ALNUM)}`;
    return {
        id,
        outputs: {
            arn: arn(ctx, "cloudfront", `distribution/${id}`, false),
            domainName: `d${ctx.ids.chars(13, LOWER_ALNUM, "domain")}.cloudfront.net`,
            hostedZoneId: "Z2FDTNDATAQYW2",
            status: "Deployed",
            etag: `E${ctx.ids.chars(13, UPPER_ALNUM, "etag")}`,
        },
    };
}

function kmsKey(ctx: OutputContext) {
    const keyId = ctx.ids.uuid();
    return { id: keyId, outputs: { keyId, arn: arn(ctx, "kms", `key/${keyId}`) } };
}

/** Route 53 zone ids of Application Load Balancers, per region (ELB's endpoint table). */
const albHostedZoneIds: Record<string, string> = {
    "us-east-1": "Z35SXDOTRQ7X7K", "us-east-2": "Z3AADJGX6KTTL2", "us-west-2": "Z1H1FL5HABSF5",
    "eu-central-1": "Z215JYRZR1TBD5", "eu-west-1": "Z32O12XQLNTSW2", "eu-west-2": "ZHURV8PSTC4K8",
    "eu-west-3": "Z3Q77PNBQS71R4", "eu-north-1": "Z23TAZ7KKW6BOS",
};

/** The short region code in ElastiCache endpoints: `eu-central-1` → `euc1`. */
function shortRegion(region: string): string {
    const [area, direction = "", number = ""] = region.split("-");
    const compass = direction.replace(/(north|south)?(east|west|central)?/, (_, ns = "", ew = "") => (ns[0] ?? "") + (ew[0] ?? ""));
    return `${area}${compass}${number}`;
}

/** ELB ARNs end in `<kind>/<name>/<16 hex>`; CloudWatch dimensions use that suffix. */
function elbResource(ctx: OutputContext, kind: string, name: string) {
    const suffix = `${kind}/${name}/${ctx.ids.hex(16, kind)}`;
    return { arn: arn(ctx, "elasticloadbalancing", suffix), arnSuffix: suffix };
}

function loadBalancer(ctx: OutputContext) {
    const name = named("name", ctx, 32);
    const internal = ctx.inputs.internal === true;
    const { arn: lbArn, arnSuffix } = elbResource(ctx, ctx.inputs.loadBalancerType === "network" ? "net" : "app", name);
    return {
        id: lbArn,
        outputs: {
            arn: lbArn,
            arnSuffix,
            name,
            dnsName: `${internal ? "internal-" : ""}${name}-${ctx.ids.digits(10, "dns")}.${ctx.region}.elb.amazonaws.com`,
            zoneId: albHostedZoneIds[ctx.region] ?? "Z215JYRZR1TBD5",
            vpcId: `vpc-${ctx.ids.hex(17, "vpc")}`,
        },
    };
}

function targetGroup(ctx: OutputContext) {
    const name = named("name", ctx, 32);
    const { arn: tgArn, arnSuffix } = elbResource(ctx, "targetgroup", name);
    return { id: tgArn, outputs: { arn: tgArn, arnSuffix, name } };
}

function listener(ctx: OutputContext) {
    const lb = String(ctx.inputs.loadBalancerArn ?? "");
    const listenerArn = `${lb.replace(":loadbalancer/", ":listener/")}/${ctx.ids.hex(16)}`;
    return { id: listenerArn, outputs: { arn: listenerArn } };
}

function ecrRepository(ctx: OutputContext) {
    const name = named("name", ctx, 256);
    return {
        id: name,
        outputs: {
            name,
            arn: arn(ctx, "ecr", `repository/${name}`),
            registryId: ctx.account,
            repositoryUrl: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
        },
    };
}

function ecsCluster(ctx: OutputContext) {
    const name = named("name", ctx, 255);
    const clusterArn = arn(ctx, "ecs", `cluster/${name}`);
    return { id: clusterArn, outputs: { arn: clusterArn, name } };
}

function ecsTaskDefinition(ctx: OutputContext) {
    const family = String(ctx.inputs.family);
    const withoutRevision = arn(ctx, "ecs", `task-definition/${family}`);
    return { id: family, outputs: { arn: `${withoutRevision}:1`, arnWithoutRevision: withoutRevision, revision: 1 } };
}

function ecsService(ctx: OutputContext) {
    const name = named("name", ctx, 255);
    const clusterName = String(ctx.inputs.cluster ?? "default").split("/").pop();
    const serviceArn = arn(ctx, "ecs", `service/${clusterName}/${name}`);
    return { id: serviceArn, outputs: { arn: serviceArn, name, cluster: ctx.inputs.cluster } };
}

function replicationGroup(ctx: OutputContext) {
    const id = String(ctx.inputs.replicationGroupId);
    const host = `${id}.${ctx.ids.chars(6, LOWER_ALNUM, "endpoint")}.${shortRegion(ctx.region)}.cache.amazonaws.com`;
    return {
        id,
        outputs: {
            arn: arn(ctx, "elasticache", `replicationgroup:${id}`),
            primaryEndpointAddress: `master.${host}`,
            readerEndpointAddress: `replica.${host}`,
            memberClusters: Array.from({ length: Number(ctx.inputs.numCacheClusters ?? 1) }, (_, index) => `${id}-00${index + 1}`),
            clusterEnabled: false,
            // Write-only: sent to AWS, never stored in state.
            ...(ctx.inputs.authTokenWo !== undefined ? { authTokenWo: null } : {}),
        },
    };
}

/** WAF web ACLs: CloudFront-scoped ones live in us-east-1 under `global/`, others under `regional/`. */
function wafv2WebAcl(ctx: OutputContext) {
    const id = ctx.ids.uuid();
    const name = named("name", ctx, 128);
    const scope = ctx.inputs.scope === "CLOUDFRONT" ? "global" : "regional";
    return {
        id,
        outputs: {
            name,
            arn: arn(ctx, "wafv2", `${scope}/webacl/${name}/${id}`),
            // A per-IP rate rule (2 WCUs), the common rule set (700) and known bad inputs (200).
            capacity: 902,
            lockToken: ctx.ids.uuid("lock-token"),
        },
    };
}

export const awsOutputs: Record<string, OutputFactory> = {
    "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (ctx) => ({
        defaultSecurityGroupId: ec2Id(ctx, "sg"),
        defaultRouteTableId: ec2Id(ctx, "rtb"),
        mainRouteTableId: ec2Id(ctx, "rtb"),
        defaultNetworkAclId: ec2Id(ctx, "acl"),
    })),
    "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
    "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
    "aws:ec2/natGateway:NatGateway": ec2("nat", "natgateway", (ctx) => ({
        publicIp: `3.${ctx.ids.digits(2, "a")}.${ctx.ids.digits(2, "b")}.${ctx.ids.digits(2, "c")}`,
        privateIp: `10.0.${Number(ctx.ids.digits(2, "d"))}.${Number(ctx.ids.digits(2, "e"))}`,
        networkInterfaceId: ec2Id(ctx, "eni"),
    })),
    "aws:ec2/eip:Eip": (ctx) => {
        const id = ec2Id(ctx, "eipalloc");
        return {
            id,
            outputs: {
                allocationId: id,
                arn: arn(ctx, "ec2", `elastic-ip/${id}`),
                publicIp: `52.${Number(ctx.ids.digits(2, "a"))}.${Number(ctx.ids.digits(2, "b"))}.${Number(ctx.ids.digits(2, "c"))}`,
            },
        };
    },
    "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
    "aws:ec2/route:Route": (ctx) => ({ id: `r-${ctx.inputs.routeTableId}${ctx.ids.digits(10)}`, outputs: { state: "active" } }),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": (ctx) => ({ id: ec2Id(ctx, "rtbassoc"), outputs: {} }),
    "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group", (ctx) => ({ name: named("name", ctx, 255) })),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("sgr", "security-group-rule", (ctx) => ({
        securityGroupRuleId: ec2Id(ctx, "sgr"),
    })),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("sgr", "security-group-rule", (ctx) => ({
        securityGroupRuleId: ec2Id(ctx, "sgr"),
    })),
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": ec2("pcx", "vpc-peering-connection", () => ({ acceptStatus: "active" })),
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": (ctx) => ({
        id: String(ctx.inputs.vpcPeeringConnectionId),
        outputs: { acceptStatus: "active" },
    }),
    "aws:ec2/flowLog:FlowLog": ec2("fl", "vpc-flow-log"),
    "aws:ec2/launchTemplate:LaunchTemplate": ec2("lt", "launch-template", (ctx) => ({ name: named("name", ctx, 128), latestVersion: 1 })),

    "aws:iam/role:Role": iamNamed("role"),
    "aws:iam/policy:Policy": iamNamed("policy"),
    "aws:iam/rolePolicy:RolePolicy": (ctx) => {
        const name = named("name", ctx, 128);
        return { id: `${ctx.inputs.role}:${name}`, outputs: { name } };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (ctx) => ({ id: `${ctx.inputs.role}-${ctx.ids.digits(20)}`, outputs: {} }),
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (ctx) => {
        const host = String(ctx.inputs.url).replace(/^https:\/\//, "");
        const providerArn = arn(ctx, "iam", `oidc-provider/${host}`, false);
        return { id: providerArn, outputs: { arn: providerArn } };
    },

    "aws:kms/key:Key": kmsKey,
    "aws:kms/keyPolicy:KeyPolicy": (ctx) => ({ id: String(ctx.inputs.keyId), outputs: {} }),
    "aws:kms/alias:Alias": (ctx) => ({
        id: String(ctx.inputs.name),
        outputs: { arn: arn(ctx, "kms", String(ctx.inputs.name)), targetKeyArn: arn(ctx, "kms", `key/${ctx.inputs.targetKeyId}`) },
    }),

    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:s3/bucketPolicy:BucketPolicy": byBucket,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": byBucket,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": byBucket,
    "aws:s3/bucketVersioning:BucketVersioning": byBucket,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": byBucket,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": byBucket,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": byBucket,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": byBucket,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": byBucket,
    "aws:s3/bucketLogging:BucketLogging": byBucket,
    "aws:s3/bucketLoggingV2:BucketLoggingV2": byBucket,

    "aws:rds/instance:Instance": rdsInstance,
    "aws:rds/subnetGroup:SubnetGroup": (ctx) => {
        const name = named("name", ctx, 255).toLowerCase();
        return { id: name, outputs: { name, arn: arn(ctx, "rds", `subgrp:${name}`) } };
    },

    "aws:secretsmanager/secret:Secret": (ctx) => {
        const secret = secretArn(ctx, named("name", ctx, 512));
        return { id: secret, outputs: { arn: secret } };
    },

    "aws:acm/certificate:Certificate": acmCertificate,
    "aws:acm/certificateValidation:CertificateValidation": (ctx) => ({
        id: `${ctx.name}-${ctx.ids.digits(10)}`,
        outputs: { certificateArn: ctx.inputs.certificateArn },
    }),

    "aws:cloudfront/distribution:Distribution": cloudfrontDistribution,
    "aws:cloudfront/originAccessControl:OriginAccessControl": (ctx) => ({
        id: `E${ctx.ids.chars(13, UPPER_ALNUM)}`,
        outputs: { etag: `E${ctx.ids.chars(13, UPPER_ALNUM, "etag")}` },
    }),
    "aws:wafv2/webAcl:WebAcl": wafv2WebAcl,
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": (ctx) => ({ id: ctx.ids.uuid(), outputs: { etag: `E${ctx.ids.chars(13, UPPER_ALNUM, "etag")}` } }),

    "aws:ecr/repository:Repository": ecrRepository,
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": (ctx) => ({ id: String(ctx.inputs.repository), outputs: { registryId: ctx.account } }),
    "aws:ecs/cluster:Cluster": ecsCluster,
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (ctx) => ({ id: String(ctx.inputs.clusterName), outputs: {} }),
    "aws:ecs/taskDefinition:TaskDefinition": ecsTaskDefinition,
    "aws:ecs/service:Service": ecsService,
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:lb/targetGroup:TargetGroup": targetGroup,
    "aws:lb/listener:Listener": listener,
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
    "aws:elasticache/subnetGroup:SubnetGroup": (ctx) => {
        const name = named("name", ctx, 255).toLowerCase();
        return { id: name, outputs: { name, arn: arn(ctx, "elasticache", `subnetgroup:${name}`) } };
    },
    "aws:rds/parameterGroup:ParameterGroup": (ctx) => {
        const name = named("name", ctx, 255).toLowerCase();
        return { id: name, outputs: { name, arn: arn(ctx, "rds", `pg:${name}`) } };
    },
    "aws:rds/optionGroup:OptionGroup": (ctx) => {
        const name = named("name", ctx, 255).toLowerCase();
        return { id: name, outputs: { name, arn: arn(ctx, "rds", `og:${name}`) } };
    },
    "aws:secretsmanager/secretVersion:SecretVersion": (ctx) => {
        const versionId = ctx.ids.uuid("version");
        // A write-only value is sent to AWS and never stored: state holds null and the flag.
        const writeOnly = ctx.inputs.secretStringWo !== undefined ? { secretStringWo: null, hasSecretStringWo: true } : {};
        return { id: `${ctx.inputs.secretId}|${versionId}`, outputs: { arn: ctx.inputs.secretId, versionId, versionStages: ["AWSCURRENT"], ...writeOnly } };
    },
    "aws:appautoscaling/target:Target": (ctx) => ({
        id: String(ctx.inputs.resourceId),
        outputs: { arn: arn(ctx, "application-autoscaling", `scalable-target/0ec5${ctx.ids.hex(28)}`) },
    }),
    "aws:appautoscaling/policy:Policy": (ctx) => {
        const name = named("name", ctx, 255);
        return {
            id: name,
            outputs: {
                name,
                arn: arn(ctx, "autoscaling", `scalingPolicy:${ctx.ids.uuid()}:resource/${ctx.inputs.serviceNamespace}/${ctx.inputs.resourceId}:policyName/${name}`),
                alarmArns: [],
            },
        };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": (ctx) => {
        const name = named("name", ctx, 255);
        return { id: name, outputs: { name, arn: arn(ctx, "cloudwatch", `alarm:${name}`) } };
    },
    "aws:route53/record:Record": (ctx) => {
        const name = String(ctx.inputs.name).replace(/\.$/, "");
        const id = [ctx.inputs.zoneId, name, ctx.inputs.type, ctx.inputs.setIdentifier].filter((part) => part !== undefined).join("_");
        return { id, outputs: { fqdn: name } };
    },
    "aws:cloudwatch/logGroup:LogGroup": (ctx) => {
        const name = named("name", ctx, 512);
        return { id: name, outputs: { name, arn: arn(ctx, "logs", `log-group:${name}`) } };
    },
};

/** Service names in ARNs where they differ from the SDK module name. */
const arnService: Record<string, string> = {
    cloudwatch: "logs",
    lb: "elasticloadbalancing",
    alb: "elasticloadbalancing",
    vpc: "ec2",
};

/** A plausible id and ARN for AWS types without a dedicated factory. */
export function genericAwsOutputs(ctx: OutputContext) {
    const [, modulePath, typeName] = ctx.type.split(":");
    const module = modulePath.split("/")[0];
    const kind = typeName.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
    const id = (ctx.inputs.name as string | undefined) ?? `${ctx.name}-${ctx.ids.hex(8)}`;
    return { id, outputs: { arn: arn(ctx, arnService[module] ?? module, `${kind}/${id}`) } };
}
