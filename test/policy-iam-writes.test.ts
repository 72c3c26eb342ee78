import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { providerIn, recorded, violationsOfPolicy } from "./helpers/policy";

const provider = providerIn("production");
const document = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

/** A deploy policy granting writes on named resources, list and read actions on `*`, and a wildcard-only write narrowed by region. */
const scopedStatements = [
    { Sid: "Objects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::site-bucket/*" },
    { Sid: "Describe", Effect: "Allow", Action: ["ec2:Describe*", "s3:GetObject", "route53:ListHostedZones"], Resource: "*" },
    { Sid: "Shield", Effect: "Allow", Action: "shield:CreateProtection", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-central-1" } } },
];

const unscopedWrites = (statements: object[], type = "aws:iam/policy:Policy", config?: PolicyPackConfig) =>
    violationsOfPolicy("iam-no-unscoped-writes", [provider, recorded(type, "deploy", { policy: document(...statements) }, provider)], config);

/** The deploy policy with one statement replaced. */
const withStatement = (index: number, statement: object) => scopedStatements.map((original, position) => (position === index ? statement : original));

const scopableMessage = (label: string, actions: string, where = 'on "*"') =>
    `deploy: ${label} allows write actions ${actions} ${where}; AWS supports resource-level permissions for them: name the resources' ARNs in Resource`;

describe("policy: iam-no-unscoped-writes", () => {
    it("passes writes on named resources, reads and lists on *, and a wildcard-only write under a condition", async () => {
        expect(await unscopedWrites(scopedStatements)).to.deep.equal([]);
    });

    it("fails a write on * that AWS lets you scope to resources, even under a condition", async () => {
        expect(await unscopedWrites(withStatement(0, { ...scopedStatements[0], Resource: "*" }))).to.deep.equal([scopableMessage('statement "Objects"', "s3:PutObject, s3:DeleteObject")]);
        const conditioned = { Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-central-1" } } };
        expect(await unscopedWrites(withStatement(1, conditioned))).to.deep.equal([scopableMessage("statement 2", "ec2:CreateSecurityGroup")]);
    });

    it("fails a wildcard-only write on * without a condition", async () => {
        const { Condition, ...unconditioned } = scopedStatements[2] as { Condition: unknown };
        expect(Condition).to.not.equal(undefined);
        expect(await unscopedWrites(withStatement(2, unconditioned))).to.deep.equal([
            `deploy: statement "Shield" allows write actions shield:CreateProtection on "*" without a narrowing Condition; AWS has no resource-level permission for them: narrow them by a Condition on the action's own keys, a tag, the VPC or the region`,
        ]);
        expect(await unscopedWrites(withStatement(2, { ...scopedStatements[2], Condition: { StringEquals: {} } }))).to.have.length(1);
    });

    it("fails a wildcard-only write whose condition says how the call is made, not what it reaches", async () => {
        const transportOnly = { ...scopedStatements[2], Condition: { Bool: { "aws:SecureTransport": "true" } } };
        expect(await unscopedWrites(withStatement(2, transportOnly))).to.deep.equal([
            `deploy: statement "Shield" allows write actions shield:CreateProtection on "*" without a narrowing Condition; AWS has no resource-level permission for them: narrow them by a Condition on the action's own keys, a tag, the VPC or the region`,
        ]);
        const byTag = { ...scopedStatements[2], Condition: { StringEquals: { "aws:ResourceTag/team": "platform" } } };
        expect(await unscopedWrites(withStatement(2, byTag))).to.deep.equal([]);
    });

    it("expands action wildcards against the service's actions, and judges writes only", async () => {
        expect(await unscopedWrites(withStatement(1, { Sid: "Queues", Effect: "Allow", Action: "sqs:*Queue", Resource: "*" }))).to.deep.equal([
            scopableMessage('statement "Queues"', '"sqs:*Queue" (5: sqs:CreateQueue, sqs:DeleteQueue, sqs:PurgeQueue, sqs:TagQueue, sqs:UntagQueue)'),
        ]);
        expect(await unscopedWrites(withStatement(1, { Sid: "Sqs", Effect: "Allow", Action: "SQS:*", Resource: "*" }))).to.deep.equal([
            scopableMessage('statement "Sqs"', '"SQS:*" (13: sqs:AddPermission, sqs:CancelMessageMoveTask, sqs:ChangeMessageVisibility, sqs:CreateQueue, sqs:DeleteMessage, and 8 more)'),
        ]);
        expect(await unscopedWrites(withStatement(1, { Effect: "Allow", Action: ["sqs:Get*", "sqs:List*", "sqs:ReceiveMessage"], Resource: "*" }))).to.deep.equal([]);
    });

    it("splits one statement's writes into those to scope and those to narrow", async () => {
        const mixed = { Sid: "Mixed", Effect: "Allow", Action: ["ssmmessages:*", "ec2:DeleteSecurityGroup"], Resource: "*" };
        expect(await unscopedWrites(withStatement(1, mixed))).to.deep.equal([
            scopableMessage('statement "Mixed"', "ec2:DeleteSecurityGroup"),
            `deploy: statement "Mixed" allows write actions "ssmmessages:*" (4: ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel) on "*" without a narrowing Condition; AWS has no resource-level permission for them: narrow them by a Condition on the action's own keys, a tag, the VPC or the region`,
        ]);
    });

    it("fails NotResource, i.e. every resource but the listed ones", async () => {
        const notResource = { Effect: "Allow", Action: "s3:PutObject", NotResource: "arn:aws:s3:::audit-logs/*" };
        expect(await unscopedWrites(withStatement(0, notResource))).to.deep.equal([scopableMessage("statement 1", "s3:PutObject", 'on every resource but ["arn:aws:s3:::audit-logs/*"]')]);
    });

    it("fails actions of every service on *", async () => {
        expect(await unscopedWrites(withStatement(1, { Effect: "Allow", Action: "*", Resource: "*" }))).to.deep.equal([
            `deploy: statement 2 allows "*", write actions of every service, on "*"; name each service's actions and their resources`,
        ]);
    });

    it("passes a Deny of writes on *", async () => {
        expect(await unscopedWrites(withStatement(1, { Effect: "Deny", Action: "s3:PutObject", Resource: "*" }))).to.deep.equal([]);
    });

    it("judges every kind of identity policy, role inline policies too", async () => {
        const unscoped = withStatement(0, { ...scopedStatements[0], Resource: "*" });
        const expected = [scopableMessage('statement "Objects"', "s3:PutObject, s3:DeleteObject")];
        for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
            expect(await unscopedWrites(unscoped, type), type).to.deep.equal(expected);
        }
        const role = recorded("aws:iam/role:Role", "deploy", { assumeRolePolicy: document(), inlinePolicies: [{ name: "deploy", policy: document(...unscoped) }] }, provider);
        expect(await violationsOfPolicy("iam-no-unscoped-writes", [provider, role])).to.deep.equal(expected);
    });

    it("takes the write access levels from policy pack config", async () => {
        const statements = withStatement(1, { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:AddPermission"], Resource: "*" });
        expect(await unscopedWrites(statements, undefined, { "iam-no-unscoped-writes": { writeAccessLevels: ["Permissions management"] } })).to.deep.equal([
            scopableMessage("statement 2", "sqs:AddPermission"),
        ]);
    });

    it("judges at `up` a document a preview does not know yet", async () => {
        const policy = recorded("aws:iam/policy:Policy", "deploy", { policy: unknownValue }, provider);
        expect(await violationsOfPolicy("iam-no-unscoped-writes", [provider, policy])).to.deep.equal([]);
    });
});
