import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { accessLogging } from "../log-bucket/logging";
import { awsAccountId, awsPartition, awsRegion } from "../lookups";
import { FargateSiteArgs, resolveArgs } from "./args";
import { cachePort, sessionCache } from "./cache";
import { mysqlPort, siteDatabase } from "./database";
import { deployRole } from "./deploy";
import { siteKeyPolicy } from "./policies";
import { weightedCutover } from "./dns";
import { siteLoadBalancer } from "./loadbalancer";
import { securityChain } from "./network";
import { registry } from "./registry";
import { siteDeployment, siteRuntime } from "./service";
import { accessLogBucket, uploadsBucket } from "./storage";

export { FargateCacheArgs, FargateCutoverArgs, FargateDatabaseArgs, FargateGithubArgs, FargateNetworkArgs, FargateSiteArgs } from "./args";

/** Where the ALB writes its access logs inside the log bucket. */
const accessLogPrefix = "alb";

/**
 * A PHP site lifted from EC2 onto ECS Fargate: its image repository, cluster, ALB, service with
 * rollbacks and autoscaling, MySQL, session cache, uploads bucket, the weighted DNS cutover from
 * the legacy servers, and the deploy role its GitHub repository releases with. The database, the
 * cache, the uploads bucket and the site key are `protect`ed.
 */
export class FargateSite extends pulumi.ComponentResource {
    /** `https://<hostname>`. */
    readonly url: string;
    /** ECR repository CI pushes to (`<account>.dkr.ecr.<region>.amazonaws.com/<physicalName>`). */
    readonly repositoryUrl: pulumi.Output<string>;
    /** The image the service runs: `<repositoryUrl>@sha256:<digest>` of `imageTag`; none before the first release. */
    readonly image: pulumi.Output<string> | undefined;
    /** The ECS cluster's name, for `aws ecs execute-command --cluster`. */
    readonly clusterName: pulumi.Output<string>;
    /** The ECS service's name (it exists once `imageTag` is set). */
    readonly serviceName: string;
    /** The task definition revision the service runs; none before the first release. */
    readonly taskDefinitionArn: pulumi.Output<string> | undefined;
    /** The ALB's own DNS name (for testing before the cutover: `curl --resolve`). */
    readonly loadBalancerDnsName: pulumi.Output<string>;
    /** `<address>:3306` of the database. */
    readonly databaseEndpoint: pulumi.Output<string>;
    /** Secrets Manager secret of the database's master user, managed by RDS. */
    readonly databaseSecretArn: pulumi.Output<string>;
    /** The cache's primary endpoint (connect with `tls://`). */
    readonly cacheEndpoint: pulumi.Output<string>;
    /** Secrets Manager secret holding the cache's auth token (the ARN only; the token is never an output). */
    readonly cacheAuthTokenSecretArn: pulumi.Output<string>;
    /** The bucket user uploads go to (`UPLOADS_BUCKET` in the container). */
    readonly uploadsBucketName: pulumi.Output<string>;
    /** Role GitHub Actions assumes in `github.environment` to release. */
    readonly deployRoleArn: pulumi.Output<string>;
    /** The role ECS uses to pull the image, write the log group and read the two secrets. */
    readonly executionRoleArn: pulumi.Output<string>;
    /** The application's own role: the uploads bucket (and ECS Exec where it is on). */
    readonly taskRoleArn: pulumi.Output<string>;
    /** The application's log group. */
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: FargateSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = checkedArgs("FargateSite", name, resolveArgs(name, args), opts);
        super("platform:fargate:FargateSite", name, {}, opts);
        const children = { parent: this };
        const account = awsAccountId(children);
        const partition = awsPartition(children);
        const region = awsRegion(children);

        const key = new aws.kms.Key(`${name}-key`, {
            description: `${site.physicalName}: database, cache, secrets, uploads, images, exec sessions`,
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: 30,
        }, { ...children, protect: true });
        new aws.kms.Alias(`${name}-key`, { name: `alias/${site.physicalName}`, targetKeyId: key.keyId }, children);
        const keyPolicy = new aws.kms.KeyPolicy(`${name}-key-policy`, {
            keyId: key.keyId,
            policy: pulumi.all([partition, account, region]).apply(([partition, account, region]) => JSON.stringify(siteKeyPolicy({ partition, account, region }, site.physicalName))),
        }, children);

        const chain = securityChain(`${name}-sg`, { vpcId: site.network.vpcId, containerPort: site.containerPort, databasePort: mysqlPort, cachePort }, children);
        const images = registry(`${name}-images`, { repositoryName: site.physicalName, keyArn: key.arn, keepImages: site.keepImages, imageTag: site.imageTag }, children);
        const uploads = uploadsBucket(`${name}-uploads`, { bucketName: pulumi.interpolate`${site.physicalName}-uploads-${account}`, keyArn: key.arn, noncurrentVersionExpirationDays: 30, glacierTransitionDays: site.uploadsGlacierTransitionDays }, children);
        accessLogging(`${name}-uploads`, { bucket: uploads, destination: site.logs, source: name }, children);
        const accessLogs = accessLogBucket(`${name}-access-logs`, { bucketName: pulumi.interpolate`${site.physicalName}-alb-logs-${account}`, retentionDays: site.logRetentionDays, prefix: accessLogPrefix }, children);

        const database = siteDatabase(`${name}-db`, {
            identifier: site.physicalName,
            ...site.database,
            multiAz: site.multiAz,
            deletionProtection: site.deletionProtection,
            keyArn: key.arn,
            keyPolicy,
            logRetentionDays: site.logRetentionDays,
            subnetIds: site.network.privateSubnetIds,
            securityGroupId: chain.database.id,
        }, children);
        const databaseSecretArn = database.masterUserSecrets.apply((secrets) => {
            const secret = secrets?.[0];
            if (!secret) {
                throw new pulumi.ResourceError("RDS reported no master user secret", database);
            }
            return secret.secretArn;
        });
        const cache = sessionCache(`${name}-cache`, {
            replicationGroupId: site.physicalName,
            ...site.cache,
            multiAz: site.multiAz,
            keyArn: key.arn,
            subnetIds: site.network.privateSubnetIds,
            securityGroupId: chain.cache.id,
        }, children);

        const edge = siteLoadBalancer(`${name}-alb`, {
            physicalName: site.physicalName,
            hostname: site.hostname,
            zoneId: site.hostedZone.id,
            vpcId: site.network.vpcId,
            publicSubnetIds: site.network.publicSubnetIds,
            securityGroupId: chain.loadBalancer.id,
            containerPort: site.containerPort,
            healthCheckPath: site.healthCheckPath,
            deletionProtection: site.deletionProtection,
            accessLogBucket: accessLogs.bucket,
            accessLogPrefix,
        }, children);

        const runtime = siteRuntime(name, {
            physicalName: site.physicalName,
            region,
            account,
            repositoryArn: images.repository.arn,
            keyArn: key.arn,
            uploadsBucket: uploads,
            secretArns: [databaseSecretArn, cache.authTokenSecret.arn],
            logRetentionDays: site.logRetentionDays,
            execEnabled: site.execEnabled,
            spot: site.spot,
            targetGroup: edge.targetGroup,
            loadBalancer: edge.loadBalancer,
        }, children);
        const deployment = images.pinnedImage && siteDeployment(name, {
            physicalName: site.physicalName,
            region,
            runtime,
            image: images.pinnedImage,
            cpu: site.cpu,
            memory: site.memory,
            containerPort: site.containerPort,
            containerUser: site.containerUser,
            healthCheckPath: site.healthCheckPath,
            environment: {
                ...site.environment,
                DB_HOST: database.address,
                DB_PORT: String(mysqlPort),
                DB_NAME: site.database.dbName,
                CACHE_HOST: cache.replicationGroup.primaryEndpointAddress,
                CACHE_PORT: String(cachePort),
                UPLOADS_BUCKET: uploads.bucket,
            },
            secrets: {
                DB_USERNAME: pulumi.interpolate`${databaseSecretArn}:username::`,
                DB_PASSWORD: pulumi.interpolate`${databaseSecretArn}:password::`,
                CACHE_AUTH_TOKEN: cache.authTokenSecret.arn,
            },
            execEnabled: site.execEnabled,
            minTasks: site.minTasks,
            maxTasks: site.maxTasks,
            minimumHealthyPercent: site.minimumHealthyPercent,
            privateSubnetIds: site.network.privateSubnetIds,
            securityGroupId: chain.service.id,
            targetGroup: edge.targetGroup,
            loadBalancer: edge.loadBalancer,
            listener: edge.httpsListener,
        }, children);

        weightedCutover(`${name}-dns`, { hostname: site.hostname, zoneId: site.hostedZone.id, ...site.cutover, loadBalancer: edge.loadBalancer }, children);

        const deploy = deployRole(`${name}-deploy`, {
            physicalName: site.physicalName,
            repository: site.github.repository,
            environment: site.github.environment,
            oidcProviderArn: site.github.oidcProviderArn,
            readActions: site.deployReadActions,
            scope: {
                repositoryArn: images.repository.arn,
                taskDefinitionFamilyArn: pulumi.interpolate`arn:${partition}:ecs:${region}:${account}:task-definition/${site.physicalName}:*`,
                // Known before the service exists: the first release creates it with this role.
                serviceArn: pulumi.interpolate`arn:${partition}:ecs:${region}:${account}:service/${site.physicalName}/${site.physicalName}`,
                clusterArn: runtime.cluster.arn,
                executionRoleArn: runtime.executionRole.arn,
                taskRoleArn: runtime.taskRole.arn,
            },
        }, children);

        this.url = `https://${site.hostname}`;
        this.repositoryUrl = images.repository.repositoryUrl;
        this.image = images.pinnedImage;
        this.clusterName = runtime.cluster.name;
        this.serviceName = site.physicalName;
        this.taskDefinitionArn = deployment ? deployment.taskDefinition.arn : undefined;
        this.loadBalancerDnsName = edge.loadBalancer.dnsName;
        this.databaseEndpoint = database.endpoint;
        this.databaseSecretArn = databaseSecretArn;
        this.cacheEndpoint = cache.replicationGroup.primaryEndpointAddress;
        this.cacheAuthTokenSecretArn = cache.authTokenSecret.arn;
        this.uploadsBucketName = uploads.bucket;
        this.deployRoleArn = deploy.role.arn;
        this.executionRoleArn = runtime.executionRole.arn;
        this.taskRoleArn = runtime.taskRole.arn;
        this.logGroupName = runtime.logGroup.name;
        this.registerOutputs({
            url: this.url,
            repositoryUrl: this.repositoryUrl,
            image: this.image,
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            taskDefinitionArn: this.taskDefinitionArn,
            loadBalancerDnsName: this.loadBalancerDnsName,
            databaseEndpoint: this.databaseEndpoint,
            databaseSecretArn: this.databaseSecretArn,
            cacheEndpoint: this.cacheEndpoint,
            cacheAuthTokenSecretArn: this.cacheAuthTokenSecretArn,
            uploadsBucketName: this.uploadsBucketName,
            deployRoleArn: this.deployRoleArn,
            executionRoleArn: this.executionRoleArn,
            taskRoleArn: this.taskRoleArn,
            logGroupName: this.logGroupName,
        });
    }
}
