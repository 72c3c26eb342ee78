import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as path from "path";
import { RecordedResource } from "../engine/monitor";
import { PreviewResult } from "../engine/preview";
import { logsEncryptDecision } from "./helpers/kms";
import { named, ofType, previewOnce, previewStack, providerOf } from "./helpers/preview";

const account = "123456789012";

/** Prod's tenants (Pulumi.prod.yaml) and where their data must live; the cluster is in eu-central-1. */
const prodTenants: Record<string, string> = { acme: "eu-central-1", globex: "eu-west-3", hooli: "eu-west-3", initech: "eu-north-1" };
const clusterCidr = "10.10.0.0/16";
/** Persistence VPC ranges: slots 12 and 13 of 10.224.0.0/11 in /20 blocks. */
const persistenceCidrs: Record<string, string> = { "eu-west-3": "10.224.192.0/20", "eu-north-1": "10.224.208.0/20" };

/** One tenant as the engine resolved it: its ARNs and the exact policy documents registered. */
interface ResolvedTenant {
    name: string;
    region: string;
    children: RecordedResource[];
    roleArn: string;
    /** The tenant role's inline policies (the test below shows it has no other grants). */
    rolePolicies: object[];
    trustPolicy: object;
    bucketArn: string;
    bucketPolicy: object;
    keyArn: string;
    keyPolicy: object;
    distributionArn: string;
    dbUserArn: string;
    dbSecretArn: string;
}

/** The tenant role (the database's monitoring role is the component's other role). */
function tenantRoleOf(tenant: { children: RecordedResource[] }, component: string): RecordedResource {
    const found = tenant.children.filter((child) => child.type === "aws:iam/role:Role" && child.name === `${component}-role`);
    expect(found, `${component}-role`).to.have.length(1);
    return found[0];
}

function childOf(tenant: { children: RecordedResource[] }, type: string): RecordedResource {
    const found = tenant.children.filter((child) => child.type === type);
    expect(found.map((child) => child.name), type).to.have.length(1);
    return found[0];
}

/** Everything registered under `component`, its own components' children included. */
function descendants(result: PreviewResult, component: RecordedResource): RecordedResource[] {
    const children = result.resources.filter((resource) => resource.parent === component.urn);
    return children.flatMap((child) => [child, ...descendants(result, child)]);
}

function resolveTenants(result: PreviewResult): ResolvedTenant[] {
    return ofType(result, "platform:ringfence:Ringfence").map((component) => {
        const name = component.name.replace(/^tenant-/, "");
        const children = descendants(result, component);
        const tenant = { children };
        const role = tenantRoleOf(tenant, component.name);
        const db = childOf(tenant, "aws:rds/instance:Instance");
        const region = prodTenants[name];
        return {
            name,
            region,
            children,
            roleArn: role.outputs.arn,
            rolePolicies: result.resources
                .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === role.outputs.name)
                .map((r) => JSON.parse(r.inputs.policy)),
            trustPolicy: JSON.parse(role.inputs.assumeRolePolicy),
            bucketArn: childOf(tenant, "aws:s3/bucket:Bucket").outputs.arn,
            bucketPolicy: JSON.parse(childOf(tenant, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy),
            keyArn: childOf(tenant, "aws:kms/key:Key").outputs.arn,
            keyPolicy: JSON.parse(childOf(tenant, "aws:kms/keyPolicy:KeyPolicy").inputs.policy),
            distributionArn: childOf(tenant, "aws:cloudfront/distribution:Distribution").outputs.arn,
            dbUserArn: `arn:aws:rds-db:${region}:${account}:dbuser:${db.outputs.resourceId}/app`,
            dbSecretArn: db.outputs.masterUserSecrets[0].secretArn,
        };
    });
}

interface AccessRequest {
    action: string;
    resource: string;
    resourcePolicy?: object;
    context?: Record<string, string>;
}

/** The tenant's own data, asked for the way its workload asks: over TLS, uploads naming its key. */
function dataRequests(owner: ResolvedTenant): AccessRequest[] {
    const tls = { "aws:SecureTransport": "true" };
    const object = `${owner.bucketArn}/reports/2025-q1.csv`;
    const withBucket = { resourcePolicy: owner.bucketPolicy, context: tls };
    return [
        { action: "s3:ListBucket", resource: owner.bucketArn, ...withBucket },
        { action: "s3:GetObject", resource: object, ...withBucket },
        {
            action: "s3:PutObject",
            resource: object,
            resourcePolicy: owner.bucketPolicy,
            context: { ...tls, "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": owner.keyArn },
        },
        { action: "s3:DeleteObject", resource: object, ...withBucket },
        ...["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"].map((action) => ({ action, resource: owner.keyArn, resourcePolicy: owner.keyPolicy })),
        { action: "rds-db:connect", resource: owner.dbUserArn },
        { action: "secretsmanager:GetSecretValue", resource: owner.dbSecretArn },
        { action: "cloudfront:CreateInvalidation", resource: owner.distributionArn },
    ];
}

/** The request evaluated by iam-simulate against the resolved documents. */
async function decide(principal: string, identityPolicies: object[], request: AccessRequest): Promise<string> {
    const response = await runSimulation({
        request: { principal, action: request.action, resource: { resource: request.resource, accountId: account }, contextVariables: request.context ?? {} },
        identityPolicies: identityPolicies.map((policy, index) => ({ name: `identity-${index}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.resourcePolicy,
    }, {});
    if (response.resultType === "error") {
        throw new Error(`${request.action} ${request.resource}: ${response.errors.message}`);
    }
    return response.overallResult;
}

/**
 * A web identity token presented to the role's trust policy. The validated `runSimulation`
 * drops EKS issuer keys (`oidc.eks.<region>.amazonaws.com/id/<id>:sub`: its OIDC key pattern
 * has no `/`), so the decision comes from `runUnsafeSimulation`, after `runSimulation` has
 * validated the document. `runUnsafeSimulation` reads the resource policy's name, which only a
 * pre-validated policy carries (iam-simulate 0.1.173).
 */
async function assume(trustPolicy: object, providerArn: string, token: { sub: string; aud: string }): Promise<string> {
    const issuer = providerArn.split(":oidc-provider/")[1];
    const request = {
        principal: providerArn,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: { resource: `arn:aws:iam::${account}:role/tenant`, accountId: account },
        contextVariables: { [`${issuer}:sub`]: token.sub, [`${issuer}:aud`]: token.aud },
    };
    const base = { request, identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [] };
    const validated = await runSimulation({ ...base, resourcePolicy: trustPolicy }, {});
    expect(validated.resultType, JSON.stringify((validated as { errors?: unknown }).errors)).to.not.equal("error");
    return runUnsafeSimulation({ ...base, resourcePolicy: { __validated: true, policyDocument: trustPolicy, metadata: { name: "trust" }, errors: [] } }, {});
}

const regionOf = (result: PreviewResult, resource: RecordedResource) => providerOf(result, resource)?.inputs.region;

describe("Ringfence", () => {
    const prod = () => previewOnce("prod");
    let tenants: ResolvedTenant[] = [];
    before(async () => {
        tenants = resolveTenants(await prod());
    });

    it("gives every prod tenant in Pulumi.prod.yaml a ringfence", () => {
        expect(tenants.map((tenant) => tenant.name).sort()).to.deep.equal(Object.keys(prodTenants).sort());
    });

    it("exports each tenant's region and component outputs as tenants.<name>", async () => {
        const exported = (await prod()).outputs.tenants as Record<string, Record<string, unknown>>;
        expect(Object.keys(exported).sort()).to.deep.equal(Object.keys(prodTenants).sort());
        for (const tenant of tenants) {
            const db = childOf(tenant, "aws:rds/instance:Instance").outputs;
            expect(exported[tenant.name]).to.deep.equal({
                region: tenant.region,
                namespace: `tenant-${tenant.name}`,
                serviceAccountName: "app",
                roleArn: tenant.roleArn,
                bucketName: childOf(tenant, "aws:s3/bucket:Bucket").outputs.bucket,
                keyArn: tenant.keyArn,
                dbEndpoint: db.endpoint,
                dbAddress: db.address,
                dbSecretArn: tenant.dbSecretArn,
                distributionId: childOf(tenant, "aws:cloudfront/distribution:Distribution").id,
                cdnUrl: `https://${tenant.name}.cdn.platform.example.com`,
            });
        }
    });

    it("grants the tenant role nothing but its one inline policy", async () => {
        const result = await prod();
        for (const tenant of tenants) {
            const role = tenantRoleOf(tenant, `tenant-${tenant.name}`);
            expect(role.inputs.managedPolicyArns ?? [], tenant.name).to.deep.equal([]);
            expect(role.inputs.inlinePolicies ?? [], tenant.name).to.deep.equal([]);
            const grants = result.resources.filter((r) => /^aws:iam\/\w*[pP]olicy(Attachment)?:/.test(r.type) && [r.inputs.role, ...(r.inputs.roles ?? [])].includes(role.outputs.name));
            expect(grants.map((r) => r.type), tenant.name).to.deep.equal(["aws:iam/rolePolicy:RolePolicy"]);
            expect(tenant.rolePolicies).to.have.length(1);
        }
    });

    describe("data locality", () => {
        it("puts every AWS resource of a tenant in its region, except the CloudFront certificate (us-east-1)", async () => {
            const result = await prod();
            for (const tenant of tenants) {
                for (const child of tenant.children.filter((c) => c.type.startsWith("aws:"))) {
                    const expected = child.type.startsWith("aws:acm/") ? "us-east-1" : tenant.region;
                    expect(regionOf(result, child), `${child.type} ${child.name}`).to.equal(expected);
                }
            }
        });

        it("puts the tenant's Kubernetes objects on the EKS cluster and its DNS records in Cloudflare", async () => {
            const result = await prod();
            const eksProvider = named(result, "pulumi:providers:kubernetes", "eks-k8s");
            for (const tenant of tenants) {
                for (const child of tenant.children.filter((c) => c.type.startsWith("kubernetes:"))) {
                    expect(providerOf(result, child)?.urn, child.name).to.equal(eksProvider.urn);
                }
                const records = tenant.children.filter((c) => c.type.startsWith("cloudflare:"));
                expect(records.map((r) => r.name)).to.have.members([`tenant-${tenant.name}-cdn-certificate-validation`, `tenant-${tenant.name}-cdn-cname`]);
            }
        });

        it("tags the tenant's AWS resources with the tenant", () => {
            for (const tenant of tenants) {
                const tagged = tenant.children.filter((c) => c.type.startsWith("aws:") && c.inputs.tags !== undefined);
                expect(tagged.map((c) => c.type)).to.include.members([
                    "aws:iam/role:Role",
                    "aws:kms/key:Key",
                    "aws:s3/bucket:Bucket",
                    "aws:rds/instance:Instance",
                    "aws:ec2/securityGroup:SecurityGroup",
                    "aws:cloudfront/distribution:Distribution",
                    "aws:acm/certificate:Certificate",
                ]);
                for (const child of tagged) {
                    expect(child.inputs.tags.tenant, child.name).to.equal(tenant.name);
                }
            }
        });
    });

    describe("IAM, evaluated on the resolved policies", () => {
        it("allows each tenant role its own objects, key, database user, database secret and distribution", async () => {
            for (const tenant of tenants) {
                for (const request of dataRequests(tenant)) {
                    expect(await decide(tenant.roleArn, tenant.rolePolicies, request), `${tenant.name} ${request.action} ${request.resource}`).to.equal("Allowed");
                }
            }
        });

        it("denies each tenant role every other tenant's, for the same actions", async () => {
            for (const tenant of tenants) {
                for (const other of tenants.filter((candidate) => candidate !== tenant)) {
                    for (const request of dataRequests(other)) {
                        expect(await decide(tenant.roleArn, tenant.rolePolicies, request), `${tenant.name} -> ${other.name} ${request.action}`).to.equal("ImplicitlyDenied");
                    }
                }
            }
        });

        it("names no resource of another tenant and no wildcard beyond its own objects", () => {
            for (const tenant of tenants) {
                const resources = tenant.rolePolicies.flatMap((policy: any) => policy.Statement.flatMap((s: any) => [s.Resource].flat()));
                expect(resources).to.have.members([
                    tenant.bucketArn,
                    `${tenant.bucketArn}/*`,
                    tenant.keyArn,
                    tenant.dbUserArn,
                    tenant.dbSecretArn,
                    tenant.distributionArn,
                ]);
            }
        });

        it("lets only the tenant's own service account, with the STS audience, assume its role", async () => {
            const providerArn = (await prod()).outputs.eksOidcProviderArn as string;
            for (const tenant of tenants) {
                const own = `system:serviceaccount:tenant-${tenant.name}:app`;
                expect(await assume(tenant.trustPolicy, providerArn, { sub: own, aud: "sts.amazonaws.com" })).to.equal("Allowed");
                expect(await assume(tenant.trustPolicy, providerArn, { sub: own, aud: "kubernetes.default.svc" })).to.equal("ImplicitlyDenied");
                expect(await assume(tenant.trustPolicy, providerArn, { sub: `system:serviceaccount:tenant-${tenant.name}:default`, aud: "sts.amazonaws.com" })).to.equal("ImplicitlyDenied");
                for (const other of tenants.filter((candidate) => candidate !== tenant)) {
                    const foreign = { sub: `system:serviceaccount:tenant-${other.name}:app`, aud: "sts.amazonaws.com" };
                    expect(await assume(tenant.trustPolicy, providerArn, foreign), `${other.name} -> ${tenant.name}`).to.equal("ImplicitlyDenied");
                }
            }
        });

        it("refuses plain HTTP and uploads that do not name the tenant key, even to the tenant role", async () => {
            const [tenant, other] = tenants;
            const object = `${tenant.bucketArn}/reports/2025-q1.csv`;
            const put = (context: Record<string, string>) => decide(tenant.roleArn, tenant.rolePolicies, { action: "s3:PutObject", resource: object, resourcePolicy: tenant.bucketPolicy, context });
            expect(await decide(tenant.roleArn, tenant.rolePolicies, { action: "s3:GetObject", resource: object, resourcePolicy: tenant.bucketPolicy, context: { "aws:SecureTransport": "false" } })).to.equal("ExplicitlyDenied");
            expect(await put({ "aws:SecureTransport": "true" })).to.equal("ExplicitlyDenied");
            expect(await put({ "aws:SecureTransport": "true", "s3:x-amz-server-side-encryption": "aws:kms" })).to.equal("ExplicitlyDenied");
            expect(await put({ "aws:SecureTransport": "true", "s3:x-amz-server-side-encryption": "AES256", "s3:x-amz-server-side-encryption-aws-kms-key-id": tenant.keyArn })).to.equal("ExplicitlyDenied");
            expect(await put({ "aws:SecureTransport": "true", "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": other.keyArn })).to.equal("ExplicitlyDenied");
        });

        it("lets CloudFront read the CDN prefix and decrypt only for the tenant's own distribution", async () => {
            for (const tenant of tenants) {
                const cdnRead = (resource: string, distributionArn: string) =>
                    decide("cloudfront.amazonaws.com", [], { action: "s3:GetObject", resource, resourcePolicy: tenant.bucketPolicy, context: { "aws:SecureTransport": "true", "aws:SourceArn": distributionArn } });
                const cdnDecrypt = (distributionArn: string) =>
                    decide("cloudfront.amazonaws.com", [], { action: "kms:Decrypt", resource: tenant.keyArn, resourcePolicy: tenant.keyPolicy, context: { "aws:SourceArn": distributionArn } });
                const other = tenants.find((candidate) => candidate !== tenant)!;
                expect(await cdnRead(`${tenant.bucketArn}/public/logo.png`, tenant.distributionArn)).to.equal("Allowed");
                expect(await cdnRead(`${tenant.bucketArn}/reports/2025-q1.csv`, tenant.distributionArn)).to.equal("ImplicitlyDenied");
                expect(await cdnRead(`${tenant.bucketArn}/public/logo.png`, other.distributionArn)).to.equal("ImplicitlyDenied");
                expect(await cdnDecrypt(tenant.distributionArn)).to.equal("Allowed");
                expect(await cdnDecrypt(other.distributionArn)).to.equal("ImplicitlyDenied");
            }
        });

        it("keeps the key's cryptography from account principals except through RDS and Secrets Manager", async () => {
            const administrator = [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }];
            const admin = `arn:aws:iam::${account}:role/platform-admin`;
            for (const tenant of tenants) {
                const decrypt = (context: Record<string, string>) => decide(admin, administrator, { action: "kms:Decrypt", resource: tenant.keyArn, resourcePolicy: tenant.keyPolicy, context });
                expect(await decrypt({})).to.equal("ImplicitlyDenied");
                expect(await decrypt({ "kms:ViaService": `s3.${tenant.region}.amazonaws.com`, "kms:CallerAccount": account })).to.equal("ImplicitlyDenied");
                expect(await decrypt({ "kms:ViaService": `rds.${tenant.region}.amazonaws.com`, "kms:CallerAccount": account })).to.equal("Allowed");
                expect(await decide(admin, administrator, { action: "kms:ScheduleKeyDeletion", resource: tenant.keyArn, resourcePolicy: tenant.keyPolicy })).to.equal("Allowed");
            }
        });
    });

    describe("data safety", () => {
        it("protects the key, bucket and database with their guards, and keeps none of them on delete", () => {
            for (const tenant of tenants) {
                const guarded = tenant.children.filter((c) => /^aws:(kms|s3|rds\/instance)/.test(c.type));
                expect(guarded.map((c) => c.type)).to.have.members([
                    "aws:kms/key:Key",
                    "aws:kms/alias:Alias",
                    "aws:kms/keyPolicy:KeyPolicy",
                    "aws:s3/bucket:Bucket",
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                    "aws:s3/bucketVersioning:BucketVersioning",
                    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                    "aws:s3/bucketLogging:BucketLogging",
                    "aws:s3/bucketPolicy:BucketPolicy",
                    "aws:rds/instance:Instance",
                ]);
                for (const resource of guarded) {
                    expect([resource.protect, resource.retainOnDelete], resource.name).to.deep.equal([true, false]);
                }
            }
        });

        it("turns on deletion protection, a named final snapshot and retained backups", () => {
            for (const tenant of tenants) {
                const db = childOf(tenant, "aws:rds/instance:Instance").inputs;
                expect(db).to.include({
                    identifier: `tenant-${tenant.name}-prod`,
                    deletionProtection: true,
                    skipFinalSnapshot: false,
                    finalSnapshotIdentifier: `tenant-${tenant.name}-prod-final`,
                    deleteAutomatedBackups: false,
                    copyTagsToSnapshot: true,
                });
                const key = childOf(tenant, "aws:kms/key:Key").inputs;
                expect(key).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
                expect(childOf(tenant, "aws:kms/alias:Alias").inputs.name).to.equal(`alias/tenant-${tenant.name}-prod`);
                expect(childOf(tenant, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
                expect(childOf(tenant, "aws:s3/bucket:Bucket").inputs.forceDestroy ?? false).to.equal(false);
                expect(childOf(tenant, "aws:s3/bucket:Bucket").inputs.tags).to.deep.equal({ tenant: tenant.name, "data-class": "data" });
            }
        });

        it("off-boarding unlocks the tenant's data stores, keeps the bucket and key, and still snapshots the database", async () => {
            const result = await previewStack("staging", {
                configOverrides: {
                    "platform:tenants": [
                        { name: "acme", region: "eu-central-1", cdnDomain: "acme.cdn.staging.platform.example.com", database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 } },
                        { name: "globex", region: "eu-west-3", cdnDomain: "globex.cdn.staging.platform.example.com", database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 }, offboarding: true },
                    ],
                },
            });
            expect(result.error).to.equal(undefined);
            // The pull request that unlocks the data stores passes the pack: the tag stands in for protect.
            expect(result.violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
            const leaving = result.resources.filter((r) => r.parent?.endsWith("::tenant-globex"));
            const staying = result.resources.filter((r) => r.parent?.endsWith("::tenant-acme"));
            const db = leaving.find((r) => r.type === "aws:rds/instance:Instance")!;
            expect([db.protect, db.retainOnDelete, db.inputs.deletionProtection, db.inputs.skipFinalSnapshot]).to.deep.equal([false, false, false, false]);
            const kept = leaving.filter((r) => /^aws:(kms|s3)\//.test(r.type));
            expect(kept, "key, alias, key policy, bucket and its seven settings").to.have.length(11);
            for (const resource of kept) {
                expect([resource.protect, resource.retainOnDelete], resource.name).to.deep.equal([false, true]);
            }
            const locked = staying.filter((r) => /^aws:(kms|s3|rds\/instance)/.test(r.type));
            expect(locked).to.have.length(12);
            for (const resource of locked) {
                expect([resource.protect, resource.retainOnDelete], resource.name).to.deep.equal([true, false]);
            }
            // The database's audit trail stays in the account when the tenant leaves the stack.
            const logGroups = leaving.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
            expect(logGroups.map((r) => r.inputs.name)).to.have.members(["postgresql", "upgrade"].map((log) => `/aws/rds/instance/tenant-globex-staging/${log}`));
            for (const group of logGroups) {
                expect([group.inputs.deletionProtectionEnabled, group.retainOnDelete], group.name).to.deep.equal([false, true]);
            }
            const taggedOffboarding = (resources: typeof leaving) =>
                resources.filter((r) => r.inputs.tags?.offboarding === "true").map((r) => r.type).sort();
            expect(taggedOffboarding(leaving)).to.include.members(["aws:kms/key:Key", "aws:rds/instance:Instance", "aws:s3/bucket:Bucket"]);
            expect(taggedOffboarding(staying)).to.deep.equal([]);
        });
    });

    describe("storage", () => {
        it("encrypts with the tenant key and a bucket key, blocks public access, enforces bucket ownership", () => {
            for (const tenant of tenants) {
                expect(childOf(tenant, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).to.deep.equal([
                    { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: tenant.keyArn }, bucketKeyEnabled: true },
                ]);
                expect(childOf(tenant, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.include({
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                });
                expect(childOf(tenant, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            }
        });

        it("moves objects to Glacier IR, expires noncurrent versions and aborts stale uploads, per tenant config", () => {
            const lifecycle = (name: string) => childOf(tenants.find((t) => t.name === name)!, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            const rule = (glacierDays: number, noncurrentDays: number) => [
                {
                    id: "tenant-retention",
                    status: "Enabled",
                    filter: {},
                    noncurrentVersionExpiration: { noncurrentDays },
                    expiration: { expiredObjectDeleteMarker: true },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
                {
                    // Glacier IR bills 128 KiB at least: smaller objects stay in Standard.
                    id: "glacier-instant-retrieval",
                    status: "Enabled",
                    filter: { objectSizeGreaterThan: 131072 },
                    transitions: [{ days: glacierDays, storageClass: "GLACIER_IR" }],
                },
            ];
            expect(lifecycle("acme")).to.deep.equal(rule(30, 30));
            expect(lifecycle("globex")).to.deep.equal(rule(14, 90));
        });
    });

    describe("database", () => {
        it("runs private, encrypted with the tenant key, with IAM auth and an RDS-managed master secret", () => {
            for (const tenant of tenants) {
                const db = childOf(tenant, "aws:rds/instance:Instance").inputs;
                expect(db).to.include({
                    publiclyAccessible: false,
                    storageEncrypted: true,
                    kmsKeyId: tenant.keyArn,
                    manageMasterUserPassword: true,
                    masterUserSecretKmsKeyId: tenant.keyArn,
                    iamDatabaseAuthenticationEnabled: true,
                    multiAz: true,
                    performanceInsightsKmsKeyId: tenant.keyArn,
                });
                expect(db).to.not.have.any.keys("password", "passwordWo");
            }
            const initech = childOf(tenants.find((t) => t.name === "initech")!, "aws:rds/instance:Instance").inputs;
            expect(initech).to.include({ engine: "mysql", engineVersion: "8.4", port: 3306 });
            const acme = childOf(tenants.find((t) => t.name === "acme")!, "aws:rds/instance:Instance").inputs;
            expect(acme).to.include({ engine: "postgres", engineVersion: "17", port: 5432, backupRetentionPeriod: 30 });
            expect(childOf(tenants.find((t) => t.name === "globex")!, "aws:rds/instance:Instance").inputs.backupRetentionPeriod).to.equal(35);
        });

        it("admits only the cluster network on the database port, with no egress rules", async () => {
            const result = await prod();
            for (const tenant of tenants) {
                const securityGroup = childOf(tenant, "aws:ec2/securityGroup:SecurityGroup");
                const port = tenant.name === "initech" ? 3306 : 5432;
                const rules = result.resources.filter((r) => r.type.startsWith("aws:vpc/securityGroup") && r.inputs.securityGroupId === securityGroup.id);
                expect(rules.map((r) => [r.type, r.inputs.cidrIpv4, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort])).to.deep.equal([
                    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", clusterCidr, "tcp", port, port],
                ]);
                expect(securityGroup.inputs).to.not.have.any.keys("ingress", "egress");
            }
        });

        it("lives in the cluster VPC's private subnets in the cluster region, and in the region's persistence VPC elsewhere", async () => {
            const result = await prod();
            const subnetsOf = (prefix: string) => ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith(`${prefix}-private-`)).map((s) => s.id!);
            const vpcOf = (name: string) => named(result, "aws:ec2/vpc:Vpc", name).id!;
            const expected: Record<string, { subnets: string[]; vpc: string }> = {
                "eu-central-1": { subnets: subnetsOf("primary"), vpc: vpcOf("primary-vpc") },
                "eu-west-3": { subnets: subnetsOf("persistence-eu-west-3-network"), vpc: vpcOf("persistence-eu-west-3-network-vpc") },
                "eu-north-1": { subnets: subnetsOf("persistence-eu-north-1-network"), vpc: vpcOf("persistence-eu-north-1-network-vpc") },
            };
            for (const tenant of tenants) {
                expect(childOf(tenant, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, tenant.name).to.have.members(expected[tenant.region].subnets);
                expect(childOf(tenant, "aws:ec2/securityGroup:SecurityGroup").inputs.vpcId, tenant.name).to.equal(expected[tenant.region].vpc);
            }
        });

        it("staging runs single-AZ with seven days of backups", async () => {
            const staging = await previewOnce("staging");
            const databases = ofType(staging, "aws:rds/instance:Instance").filter((r) => r.parent?.includes("Ringfence"));
            expect(databases.map((db) => db.name)).to.have.members(["tenant-acme-db", "tenant-globex-db"]);
            for (const db of databases) {
                expect(db.inputs).to.include({ multiAz: false, backupRetentionPeriod: 7, performanceInsightsEnabled: false });
            }
        });
    });


    describe("database audit trail", () => {
        const postgresParameters = [
            { name: "rds.force_ssl", value: "1" },
            { name: "log_min_duration_statement", value: "1000" },
            { name: "log_connections", value: "1" },
            { name: "log_disconnections", value: "1" },
        ];
        const mysqlFamilyParameters = [
            { name: "require_secure_transport", value: "1" },
            { name: "slow_query_log", value: "1" },
            { name: "long_query_time", value: "1" },
            { name: "log_output", value: "FILE" },
        ];
        const auditPlugin = [{
            optionName: "MARIADB_AUDIT_PLUGIN",
            optionSettings: [{ name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL,QUERY_DCL" }, { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" }],
        }];
        /** What each engine and major version must be built with. */
        const expectedTrail = (engine: string, version: string) => ({
            exports: engine === "postgres" ? ["postgresql", "upgrade"] : ["error", "slowquery", "audit"],
            family: `${engine}${version}`,
            parameters: engine === "postgres" ? postgresParameters : mysqlFamilyParameters,
        });
        const trailOf = (children: RecordedResource[], component: string) => {
            const child = (type: string, name: string) => {
                const found = children.find((c) => c.type === type && c.name === name);
                expect(found, `${type} ${name}`).to.not.equal(undefined);
                return found!;
            };
            const db = child("aws:rds/instance:Instance", `${component}-db`);
            return {
                db,
                parameterGroup: child("aws:rds/parameterGroup:ParameterGroup", `${component}-db-parameters`),
                optionGroup: children.find((c) => c.type === "aws:rds/optionGroup:OptionGroup"),
                monitoringRole: child("aws:iam/role:Role", `${component}-db-monitoring`),
                monitoringAttachment: child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${component}-db-monitoring`),
                logGroups: children.filter((c) => c.type === "aws:cloudwatch/logGroup:LogGroup"),
            };
        };

        /** Checks one database's trail; returns its log group ARNs. */
        const checkTrail = (children: RecordedResource[], component: string, keyArn: string, retentionDays: number) => {
            const trail = trailOf(children, component);
            const { engine, engineVersion, identifier } = trail.db.inputs;
            const expected = expectedTrail(engine, engineVersion);
            expect(trail.db.inputs.enabledCloudwatchLogsExports, component).to.deep.equal(expected.exports);
            expect(trail.db.inputs.parameterGroupName, component).to.equal(trail.parameterGroup.outputs.name);
            expect(trail.parameterGroup.inputs.family, component).to.equal(expected.family);
            expect(trail.parameterGroup.inputs.parameters, component).to.have.deep.members(expected.parameters);
            if (engine === "postgres") {
                expect(trail.optionGroup, component).to.equal(undefined);
                expect(trail.db.inputs.optionGroupName, component).to.equal(undefined);
            } else {
                expect(trail.optionGroup!.inputs, component).to.deep.include({ engineName: engine, majorEngineVersion: engineVersion, options: auditPlugin });
                expect(trail.db.inputs.optionGroupName, component).to.equal(trail.optionGroup!.outputs.name);
            }
            expect(trail.logGroups.map((group) => group.inputs.name), component).to.have.members(expected.exports.map((log) => `/aws/rds/instance/${identifier}/${log}`));
            for (const group of trail.logGroups) {
                expect(group.inputs, group.name).to.include({ retentionInDays: retentionDays, kmsKeyId: keyArn, deletionProtectionEnabled: true });
                expect(group.retainOnDelete, group.name).to.equal(true);
                // Created first, or RDS would create it without a retention or key.
                expect(trail.db.dependencies, group.name).to.include(group.urn);
            }
            expect(trail.db.inputs).to.include({ monitoringInterval: 60, monitoringRoleArn: trail.monitoringRole.outputs.arn });
            expect(JSON.parse(trail.monitoringRole.inputs.assumeRolePolicy)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [{
                    Sid: "RdsEnhancedMonitoring",
                    Effect: "Allow",
                    Principal: { Service: "monitoring.rds.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                }],
            });
            expect(trail.monitoringAttachment.inputs).to.deep.equal({
                role: trail.monitoringRole.outputs.name,
                policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            });
            return trail.logGroups.map((group) => group.outputs.arn as string);
        };

        it("exports each engine's logs into encrypted log groups kept 365 days in production, with enhanced monitoring and a TLS parameter group", () => {
            for (const tenant of tenants) {
                checkTrail(tenant.children, `tenant-${tenant.name}`, tenant.keyArn, 365);
            }
            const engines = tenants.map((tenant) => `${childOf(tenant, "aws:rds/instance:Instance").inputs.engine}${childOf(tenant, "aws:rds/instance:Instance").inputs.engineVersion}`);
            expect(engines).to.include.members(["postgres17", "postgres16", "mysql8.4"]);
        });

        it("builds MariaDB and older MySQL and PostgreSQL versions with their own family, and keeps logs 30 days in staging", async () => {
            const database = (engine: string, engineVersion: string) => ({ instanceClass: "db.t4g.micro", allocatedStorage: 20, engine, engineVersion });
            const result = await previewStack("staging", {
                configOverrides: {
                    "platform:tenants": [
                        { name: "acme", region: "eu-central-1", cdnDomain: "acme.cdn.staging.platform.example.com", database: database("mariadb", "11.4") },
                        { name: "globex", region: "eu-central-1", cdnDomain: "globex.cdn.staging.platform.example.com", database: database("mariadb", "10.6") },
                        { name: "hooli", region: "eu-central-1", cdnDomain: "hooli.cdn.staging.platform.example.com", database: database("mysql", "8.0") },
                        { name: "initech", region: "eu-central-1", cdnDomain: "initech.cdn.staging.platform.example.com", database: database("postgres", "14") },
                    ],
                },
            });
            expect(result.error).to.equal(undefined);
            expect(result.violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
            const families = [];
            for (const component of ofType(result, "platform:ringfence:Ringfence")) {
                const children = descendants(result, component);
                const keyArn = children.find((c) => c.type === "aws:kms/key:Key")!.outputs.arn;
                checkTrail(children, component.name, keyArn, 30);
                families.push(trailOf(children, component.name).parameterGroup.inputs.family);
            }
            expect(families).to.have.members(["mariadb11.4", "mariadb10.6", "mysql8.0", "postgres14"]);
        });

        it("lets only RDS enhanced monitoring, for this account, assume the monitoring role", async () => {
            for (const tenant of tenants) {
                const role = tenant.children.find((c) => c.type === "aws:iam/role:Role" && c.name === `tenant-${tenant.name}-db-monitoring`)!;
                const assumeAs = (principal: string, sourceAccount: string) =>
                    decide(principal, [], { action: "sts:AssumeRole", resource: role.outputs.arn, resourcePolicy: JSON.parse(role.inputs.assumeRolePolicy), context: { "aws:SourceAccount": sourceAccount } });
                expect(await assumeAs("monitoring.rds.amazonaws.com", account)).to.equal("Allowed");
                expect(await assumeAs("monitoring.rds.amazonaws.com", "210987654321")).to.equal("ImplicitlyDenied");
                expect(await assumeAs("rds.amazonaws.com", account)).to.equal("ImplicitlyDenied");
                expect(await assumeAs(tenant.roleArn, account)).to.equal("ImplicitlyDenied");
            }
        });

        it("lets CloudWatch Logs use the tenant key for the tenant's database log groups only", async () => {
            for (const tenant of tenants) {
                const identifier = childOf(tenant, "aws:rds/instance:Instance").inputs.identifier;
                const logs = `logs.${tenant.region}.amazonaws.com`;
                const encrypt = (principal: string, logGroupArn: string) => logsEncryptDecision(tenant.keyPolicy, { principal, keyArn: tenant.keyArn, logGroupArn });
                const logGroupArn = (name: string) => `arn:aws:logs:${tenant.region}:${account}:log-group:${name}`;
                for (const arn of tenant.children.filter((c) => c.type === "aws:cloudwatch/logGroup:LogGroup").map((c) => c.outputs.arn)) {
                    expect(await encrypt(logs, arn), arn).to.equal("Allowed");
                }
                expect(await encrypt(logs, logGroupArn(`/aws/rds/instance/${identifier}-other/error`))).to.equal("ImplicitlyDenied");
                expect(await encrypt(logs, logGroupArn("/aws/eks/platform-prod/cluster"))).to.equal("ImplicitlyDenied");
                for (const other of tenants.filter((candidate) => candidate !== tenant)) {
                    const otherIdentifier = childOf(other, "aws:rds/instance:Instance").inputs.identifier;
                    expect(await encrypt(logs, logGroupArn(`/aws/rds/instance/${otherIdentifier}/postgresql`)), `${other.name} -> ${tenant.name}`).to.equal("ImplicitlyDenied");
                }
                const elsewhere = tenant.region === "eu-central-1" ? "eu-west-3" : "eu-central-1";
                expect(await encrypt(`logs.${elsewhere}.amazonaws.com`, logGroupArn(`/aws/rds/instance/${identifier}/error`))).to.equal("ImplicitlyDenied");
            }
        });
    });

    describe("persistence networks", () => {
        it("creates one private-only VPC per tenant region outside the cluster's, shared by its tenants", async () => {
            const result = await prod();
            expect(ofType(result, "platform:ringfence:PersistenceNetwork").map((n) => n.name).sort()).to.deep.equal(["persistence-eu-north-1", "persistence-eu-west-3"]);
            for (const [region, cidr] of Object.entries(persistenceCidrs)) {
                const vpc = named(result, "aws:ec2/vpc:Vpc", `persistence-${region}-network-vpc`);
                expect([vpc.inputs.cidrBlock, regionOf(result, vpc)]).to.deep.equal([cidr, region]);
            }
            const internetPaths = result.resources.filter((r) => r.name.startsWith("persistence-") && /internetGateway|natGateway|eip:Eip/.test(r.type));
            expect(internetPaths.map((r) => r.name)).to.deep.equal([]);
        });

        it("peers each with the cluster VPC and routes both ways", async () => {
            const result = await prod();
            const clusterVpc = named(result, "aws:ec2/vpc:Vpc", "primary-vpc");
            const clusterRouteTables = ofType(result, "aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith("primary-private-rt-")).map((t) => t.id);
            for (const [region, cidr] of Object.entries(persistenceCidrs)) {
                const prefix = `persistence-${region}`;
                const peering = named(result, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", `${prefix}-peering`);
                expect(peering.inputs).to.include({ vpcId: clusterVpc.id, peerVpcId: named(result, "aws:ec2/vpc:Vpc", `${prefix}-network-vpc`).id, peerRegion: region });
                expect(regionOf(result, peering)).to.equal("eu-central-1");
                const accepter = named(result, "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", `${prefix}-peering-accepter`);
                expect(accepter.inputs).to.include({ vpcPeeringConnectionId: peering.id, autoAccept: true });
                expect(regionOf(result, accepter)).to.equal(region);

                const routes = ofType(result, "aws:ec2/route:Route").filter((r) => r.name.startsWith(`${prefix}-`));
                const toTenant = routes.filter((r) => r.inputs.destinationCidrBlock === cidr);
                expect(toTenant.map((r) => r.inputs.routeTableId)).to.have.members(clusterRouteTables);
                expect(toTenant.map((r) => regionOf(result, r))).to.deep.equal(["eu-central-1", "eu-central-1", "eu-central-1"]);
                const tenantRouteTables = ofType(result, "aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith(`${prefix}-network-private-rt-`)).map((t) => t.id);
                const toCluster = routes.filter((r) => r.inputs.destinationCidrBlock === clusterCidr);
                expect(toCluster.map((r) => r.inputs.routeTableId)).to.have.members(tenantRouteTables);
                expect(toCluster.map((r) => regionOf(result, r))).to.deep.equal([region, region, region]);
                expect(routes).to.have.length(toTenant.length + toCluster.length);
                for (const route of routes) {
                    expect(route.inputs.vpcPeeringConnectionId).to.equal(peering.id);
                }
            }
        });
    });

    describe("namespace", () => {
        it("binds a service account without an API token to the tenant role", () => {
            for (const tenant of tenants) {
                const account = childOf(tenant, "kubernetes:core/v1:ServiceAccount").inputs;
                expect(account.automountServiceAccountToken).to.equal(false);
                expect(account.metadata).to.deep.include({ name: "app", namespace: `tenant-${tenant.name}`, annotations: { "eks.amazonaws.com/role-arn": tenant.roleArn } });
                expect(childOf(tenant, "kubernetes:core/v1:Namespace").inputs.metadata.name).to.equal(`tenant-${tenant.name}`);
            }
        });

        it("builds the namespace as a platform namespace, enforcing restricted Pod Security", () => {
            for (const tenant of tenants) {
                const namespace = childOf(tenant, "platform:namespace:PlatformNamespace");
                expect(namespace.name).to.equal(`tenant-${tenant.name}-namespace`);
                const created = childOf(tenant, "kubernetes:core/v1:Namespace");
                expect(created.parent).to.equal(namespace.urn);
                expect(created.inputs.metadata.labels).to.deep.equal({ "platform/tenant": tenant.name, "pod-security.kubernetes.io/enforce": "restricted" });
            }
        });

        it("keeps an existing stack's namespace and default deny: aliased to the ringfence children they were", () => {
            for (const tenant of tenants) {
                const ringfence = `urn:pulumi:prod::platform::platform:ringfence:Ringfence`;
                const namespace = childOf(tenant, "kubernetes:core/v1:Namespace");
                expect(namespace.aliases).to.include(`${ringfence}$kubernetes:core/v1:Namespace::tenant-${tenant.name}-namespace`);
                const defaultDeny = tenant.children.find((child) => child.name === `tenant-${tenant.name}-namespace-default-deny`);
                expect(defaultDeny?.aliases).to.include(`${ringfence}$kubernetes:networking.k8s.io/v1:NetworkPolicy::tenant-${tenant.name}-default-deny`);
            }
        });

        it("denies everything by default, allows egress only to cluster DNS, the tenant database and HTTPS, and no ingress", () => {
            const policies = (databaseCidr: string, port: number) => ({
                "default-deny": { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
                "allow-dns": {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{
                        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                        ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                    }],
                },
                "allow-egress-database": {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{ to: [{ ipBlock: { cidr: databaseCidr } }], ports: [{ protocol: "TCP", port }] }],
                },
                "allow-egress-https": {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{
                        to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"] } }],
                        ports: [{ protocol: "TCP", port: 443 }],
                    }],
                },
            });
            const expected: Record<string, object> = {
                acme: policies(clusterCidr, 5432),
                globex: policies(persistenceCidrs["eu-west-3"], 5432),
                hooli: policies(persistenceCidrs["eu-west-3"], 5432),
                initech: policies(persistenceCidrs["eu-north-1"], 3306),
            };
            for (const tenant of tenants) {
                const registered = tenant.children.filter((child) => child.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
                expect(registered.map((policy) => policy.inputs.metadata.namespace), tenant.name).to.deep.equal(registered.map(() => `tenant-${tenant.name}`));
                const specs = Object.fromEntries(registered.map((policy) => [policy.inputs.metadata.name, policy.inputs.spec]));
                expect(specs, tenant.name).to.deep.equal(expected[tenant.name]);
            }
        });

        it("caps the namespace and forbids volumes, load balancers and node ports", () => {
            const acme = childOf(tenants.find((t) => t.name === "acme")!, "kubernetes:core/v1:ResourceQuota").inputs.spec.hard;
            expect(acme).to.deep.equal({
                "requests.cpu": "8",
                "requests.memory": "16Gi",
                "limits.memory": "16Gi",
                pods: "100",
                persistentvolumeclaims: "0",
                "services.loadbalancers": "0",
                "services.nodeports": "0",
            });
            const globex = childOf(tenants.find((t) => t.name === "globex")!, "kubernetes:core/v1:ResourceQuota").inputs.spec.hard;
            expect(globex).to.include({ "requests.cpu": "4", "requests.memory": "8Gi", pods: "50", persistentvolumeclaims: "0" });
        });
    });

    describe("CDN", () => {
        it("serves the bucket's public prefix over HTTPS only, through Origin Access Control, with a us-east-1 certificate", async () => {
            const result = await prod();
            for (const tenant of tenants) {
                const distribution = childOf(tenant, "aws:cloudfront/distribution:Distribution").inputs;
                const oac = childOf(tenant, "aws:cloudfront/originAccessControl:OriginAccessControl");
                const bucket = childOf(tenant, "aws:s3/bucket:Bucket");
                const validation = childOf(tenant, "aws:acm/certificateValidation:CertificateValidation");
                expect(oac.inputs).to.include({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
                expect(distribution.origins).to.deep.equal([
                    { originId: "s3-origin", domainName: bucket.outputs.bucketRegionalDomainName, originPath: "/public", originAccessControlId: oac.id },
                ]);
                expect(distribution.aliases).to.deep.equal([`${tenant.name}.cdn.platform.example.com`]);
                expect(distribution.defaultCacheBehavior.viewerProtocolPolicy).to.equal("https-only");
                expect(distribution.viewerCertificate).to.deep.equal({
                    acmCertificateArn: validation.outputs.certificateArn,
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1.2_2021",
                });
                expect(distribution.priceClass).to.equal("PriceClass_All");
                expect(regionOf(result, childOf(tenant, "aws:acm/certificate:Certificate"))).to.equal("us-east-1");
            }
        });
    });

    describe("audit trail", () => {
        /** The log bucket a bucket name or CloudFront domain name points at, and its region. */
        const logBucketOf = (result: PreviewResult, name: string) => {
            const bucket = ofType(result, "aws:s3/bucket:Bucket").find((b) => b.outputs.bucket === name || b.outputs.bucketDomainName === name);
            expect(bucket, name).to.not.equal(undefined);
            return { bucket: bucket!, region: regionOf(result, bucket!) };
        };

        it("logs every request to a tenant bucket into the log bucket of the tenant's region, under the tenant's prefix", async () => {
            const result = await prod();
            for (const tenant of tenants) {
                const logging = childOf(tenant, "aws:s3/bucketLogging:BucketLogging");
                const bucket = childOf(tenant, "aws:s3/bucket:Bucket");
                expect(logging.inputs, tenant.name).to.deep.equal({
                    bucket: bucket.id,
                    targetBucket: `platform-prod-logs-${tenant.region}-${account}`,
                    targetPrefix: `s3-access/tenant-${tenant.name}/`,
                    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
                });
                const target = logBucketOf(result, logging.inputs.targetBucket);
                expect([regionOf(result, logging), target.region], tenant.name).to.deep.equal([tenant.region, tenant.region]);
                expect(target.bucket.inputs.tags, tenant.name).to.deep.equal({ "data-class": "logs" });
                // Kept and released with the bucket's other guards.
                expect(logging.protect, tenant.name).to.equal(true);
            }
        });

        it("logs every CDN request into the tenant region's log bucket, behind the stack's web ACL, with the site's security headers", async () => {
            const result = await prod();
            const webAcl = named(result, "aws:wafv2/webAcl:WebAcl", "cdn-edge-web-acl");
            const headers = named(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "cdn-edge-security-headers");
            for (const tenant of tenants) {
                const distribution = childOf(tenant, "aws:cloudfront/distribution:Distribution").inputs;
                expect(distribution.loggingConfig, tenant.name).to.deep.equal({
                    bucket: `platform-prod-logs-${tenant.region}-${account}.s3.amazonaws.com`,
                    prefix: `cloudfront/tenant-${tenant.name}/`,
                    includeCookies: false,
                });
                expect(logBucketOf(result, distribution.loggingConfig.bucket).region, tenant.name).to.equal(tenant.region);
                expect(distribution.webAclId, tenant.name).to.equal(webAcl.outputs.arn);
                expect(distribution.defaultCacheBehavior.responseHeadersPolicyId, tenant.name).to.equal(headers.id);
            }
            expect(headers.inputs.securityHeadersConfig).to.deep.equal({
                strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "DENY", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
            });
        });

        it("flow-logs every persistence VPC into its region's log bucket", async () => {
            const result = await prod();
            for (const region of Object.keys(persistenceCidrs)) {
                const vpc = named(result, "aws:ec2/vpc:Vpc", `persistence-${region}-network-vpc`);
                const flowLog = named(result, "aws:ec2/flowLog:FlowLog", `persistence-${region}-network-flow-log`);
                expect(flowLog.inputs).to.deep.include({ vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: `arn:aws:s3:::platform-prod-logs-${region}-${account}/vpc-flow-logs/` });
                expect(regionOf(result, flowLog)).to.equal(region);
            }
        });
    });

    describe("component", () => {
        const root = path.join(__dirname, "fixtures", "ringfence-component");
        const run = (scenario: string) => previewStack("test", { root, policyPack: false, configOverrides: { "ringfence-component-fixture:scenario": scenario } });
        const refused = async (scenario: string) => {
            const result = await run(scenario);
            // Only the stack and the fixture's providers: not even the component itself.
            expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:")).map((resource) => resource.urn), "nothing is registered").to.deep.equal([]);
            return result.error!.split("\n").map((line) => line.trim());
        };

        it("defaults to PostgreSQL 17, single-AZ, 7 days of backups, 30 days of database logs, a 4-CPU quota and the PriceClass_100 CDN", async () => {
            const result = await run("defaults");
            expect(result.error).to.equal(undefined);
            expect(named(result, "aws:rds/instance:Instance", "tenant-acme-db").inputs).to.include({
                engine: "postgres",
                engineVersion: "17",
                multiAz: false,
                backupRetentionPeriod: 7,
                performanceInsightsEnabled: false,
                dbName: "app",
            });
            for (const log of ["postgresql", "upgrade"]) {
                expect(named(result, "aws:cloudwatch/logGroup:LogGroup", `tenant-acme-db-${log}-log`).inputs.retentionInDays).to.equal(30);
            }
            expect(named(result, "kubernetes:core/v1:ResourceQuota", "tenant-acme-quota").inputs.spec.hard).to.include({ "requests.cpu": "4", "requests.memory": "8Gi", pods: "50" });
            expect(named(result, "aws:cloudfront/distribution:Distribution", "tenant-acme-cdn").inputs.priceClass).to.equal("PriceClass_100");
            expect(named(result, "kubernetes:core/v1:ServiceAccount", "tenant-acme-service-account").inputs.metadata.name).to.equal("app");
        });

        it("logs the bucket and the CDN into the given log bucket and adds its own security headers when given none", async () => {
            const result = await run("defaults");
            const bucket = named(result, "aws:s3/bucket:Bucket", "tenant-acme-data");
            expect(named(result, "aws:s3/bucketLogging:BucketLogging", "tenant-acme-data-access-logging").inputs).to.deep.equal({
                bucket: bucket.id,
                targetBucket: "fixture-logs-eu-west-1",
                targetPrefix: "s3-access/tenant-acme/",
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            });
            const distribution = named(result, "aws:cloudfront/distribution:Distribution", "tenant-acme-cdn").inputs;
            expect(distribution.loggingConfig).to.deep.equal({ bucket: "fixture-logs-eu-west-1.s3.amazonaws.com", prefix: "cloudfront/tenant-acme/", includeCookies: false });
            expect(distribution.webAclId).to.equal(undefined);
            const headers = named(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "tenant-acme-cdn-security-headers");
            expect(distribution.defaultCacheBehavior.responseHeadersPolicyId).to.equal(headers.id);
            expect(headers.inputs.securityHeadersConfig).to.deep.equal({
                strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "DENY", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
            });
        });

        it("refuses a log bucket outside the tenant region: access logs are tenant data", async () => {
            expect(await refused("logs-elsewhere")).to.deep.equal([
                'Ringfence "tenant-acme": invalid arguments:',
                "logs: found a log bucket in eu-central-1; expected the log bucket of the tenant region eu-west-1 (access logs are tenant data)",
            ]);
        });

        it("refuses an opt-in region, whose buckets CloudFront cannot deliver the CDN's logs to", async () => {
            const lines = await refused("opt-in-region");
            expect(lines).to.have.length(2);
            expect(lines[1]).to.match(/^region: found "eu-south-1"; expected a region CloudFront delivers standard logs to \(not an opt-in region\): us-east-1, us-east-2, .*ap-northeast-3$/);
        });

        it("refuses a cluster without OIDC, since the tenant role trusts the cluster through IRSA", async () => {
            expect(await refused("sks-cluster")).to.deep.equal([
                'Ringfence "tenant-acme": invalid arguments:',
                'cluster: found kind "sks" without OIDC; expected an EKS cluster with an OIDC provider (the tenant role trusts it through IRSA)',
            ]);
        });

        it("refuses a database network outside the tenant region", async () => {
            expect(await refused("network-elsewhere")).to.deep.equal([
                'Ringfence "tenant-acme": invalid arguments:',
                "network: found a network in eu-west-3; expected one in the tenant region eu-west-1",
            ]);
        });

        it("refuses a persistence network in the cluster's region, reporting every invalid argument at once", async () => {
            expect(await refused("persistence-network-invalid")).to.deep.equal([
                'PersistenceNetwork "persistence": invalid arguments:',
                "availabilityZones: found 4; expected 2 or 3",
                'region: found "eu-west-1"; expected a region other than the cluster\'s (tenants there use the cluster VPC)',
                "flowLogs: found a log bucket in eu-west-3; expected the log bucket of eu-west-1 (flow logs stay in the VPC's region)",
            ]);
        });

        it("refuses a persistence network overlapping the cluster VPC, which peering cannot route", async () => {
            expect(await refused("persistence-network-overlap")).to.deep.equal([
                'PersistenceNetwork "persistence": invalid arguments:',
                'cidr: found "10.0.128.0/20"; expected a range that does not overlap the cluster VPC\'s 10.0.0.0/16',
            ]);
        });

        it("reports every invalid argument at once", async () => {
            expect(await refused("bad-args")).to.deep.equal([
                'Ringfence "tenant-acme": invalid arguments:',
                'tenant: found "acme_corp"; expected 2-20 lower-case letters, digits or single hyphens, starting with a letter and ending with a letter or digit',
                'nameSuffix: found "Test-"; expected 1-30 lower-case letters, digits or single hyphens, starting and ending with a letter or digit',
                'database.engine: found "oracle"; expected one of postgres, mysql, mariadb',
                "database.backupRetentionDays: found 0; expected a whole number from 1 to 35",
                "database.logRetentionDays: found 45; expected a retention CloudWatch offers: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
                "storage.glacierTransitionDays: found 0; expected a whole number from 1 to 3650",
                'cdn.domain: found "acme.cdn.example.org"; expected a name inside cdn.zoneName example.com',
                'cdn.prefix: found "public/"; expected a key prefix of lower-case letters, digits and hyphens, without slashes',
                "quota.pods: found 0; expected a whole number from 1 to 1000",
            ]);
        });
    });

    describe("config", () => {
        const tenant = (name: string, region: string) => ({
            name,
            region,
            cdnDomain: `${name}.cdn.staging.platform.example.com`,
            database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 },
        });
        async function problemsWith(tenants: object[], environment?: string): Promise<string[]> {
            const overrides: Record<string, unknown> = { "platform:tenants": tenants };
            if (environment) {
                overrides["platform:environment"] = environment;
            }
            const result = await previewStack("staging", { configOverrides: overrides, policyPack: false });
            expect(result.error, "the preview should fail").to.be.a("string");
            expect(result.resources.map((r) => r.type), "nothing but the root stack is registered").to.deep.equal(["pulumi:pulumi:Stack"]);
            return result.error!.split("\n").slice(1).map((line) => line.trim());
        }

        it("rejects a duplicate tenant name and hostname, naming the first use", async () => {
            const again = { ...tenant("acme", "eu-west-3"), cdnDomain: "acme.cdn.staging.platform.example.com" };
            expect(await problemsWith([tenant("acme", "eu-central-1"), tenant("globex", "eu-west-3"), again])).to.deep.equal([
                'platform:tenants[2].name: found "acme"; expected a name not used by platform:tenants[0]',
                'platform:tenants[2].cdnDomain: found "acme.cdn.staging.platform.example.com"; expected a hostname not used by platform:tenants[0].cdnDomain: every public hostname of a stack is unique',
            ]);
        });

        it("reports a duplicate name in the same run as another entry's unknown region", async () => {
            const problems = await problemsWith([tenant("acme", "eu-central-1"), tenant("acme", "eu-wst-3")]);
            expect(problems).to.have.length(3);
            expect(problems[0]).to.match(/^platform:tenants\[1\]\.region: found "eu-wst-3"; allowed: /);
            expect(problems.slice(1)).to.deep.equal([
                'platform:tenants[1].name: found "acme"; expected a name not used by platform:tenants[0]',
                'platform:tenants[1].cdnDomain: found "acme.cdn.staging.platform.example.com"; expected a hostname not used by platform:tenants[0].cdnDomain: every public hostname of a stack is unique',
            ]);
        });

        it("rejects an unknown region with the allowed ones", async () => {
            const [line, ...rest] = await problemsWith([tenant("acme", "eu-central-1"), tenant("globex", "eu-wst-3")]);
            expect(line).to.match(/^platform:tenants\[1\]\.region: found "eu-wst-3"; allowed: .*\beu-west-3, /);
            expect(rest).to.deep.equal([]);
        });

        it("rejects names, engines, sizes and hostnames the ringfence cannot build", async () => {
            const bad = {
                name: "Acme--Corp",
                region: "eu-west-3",
                cdnDomain: "acme.cdn.example.org",
                database: { engine: "postgres", engineVersion: "13", instanceClass: "m5.large", allocatedStorage: 10, maxAllocatedStorage: 5 },
                retention: { backupRetentionDays: 3 },
                quota: { cpu: "lots", memory: "8Gi", pods: 10 },
            };
            expect(await problemsWith([bad], "production")).to.include.members([
                'platform:tenants[0].name: found "Acme--Corp"; expected 2-20 lower-case letters, digits or single hyphens, starting with a letter and ending with a letter or digit',
                'platform:tenants[0].database.engineVersion: found "13"; expected one of 14, 15, 16, 17 for postgres',
                'platform:tenants[0].database.instanceClass: found "m5.large"; expected an RDS instance class db.<family>.<size> such as db.t4g.micro; families: t3, t4g, m5, m6g, m6i, m7g, m7i, r5, r6g, r6i, r7g, r7i',
                "platform:tenants[0].database.allocatedStorage: found 10; expected >= 20",
                "platform:tenants[0].database.maxAllocatedStorage: found 5; expected more than allocatedStorage",
                'platform:tenants[0].quota.cpu: found "lots"; expected a Kubernetes quantity such as 4, 500m or 8Gi',
                'platform:tenants[0].cdnDomain: found "acme.cdn.example.org"; expected a name under platform:domain, such as <tenant>.cdn.staging.platform.example.com',
                "platform:tenants[0].retention.backupRetentionDays: found 3; expected at least 7 (the policy pack's rds-data-safety minimum)",
            ]);
        });

        it("reports one problem per key: a malformed hostname or backup period is not also judged by the cross-section rules", async () => {
            const tenant = { name: "acme", region: "eu-central-1", cdnDomain: "Acme.Example.org", database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 }, retention: { backupRetentionDays: 3.5 } };
            expect(await problemsWith([tenant], "staging")).to.deep.equal([
                'platform:tenants[0].cdnDomain: found "Acme.Example.org"; expected a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)',
                'platform:tenants[0].retention.backupRetentionDays: found 3.5; expected int',
            ]);
        });

        it("rejects fewer than 7 days of backups outside production too, as the policy pack would", async () => {
            const tenant = { name: "acme", region: "eu-central-1", cdnDomain: "acme.cdn.staging.platform.example.com", database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 }, retention: { backupRetentionDays: 6 } };
            expect(await problemsWith([tenant], "staging")).to.deep.equal([
                "platform:tenants[0].retention.backupRetentionDays: found 6; expected at least 7 (the policy pack's rds-data-safety minimum)",
            ]);
        });
    });
});
