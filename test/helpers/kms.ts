import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";

/**
 * Whether `principal` (e.g. `logs.eu-central-1.amazonaws.com`) may make a data key with the key
 * for the log group `logGroupArn`, by the key's policy alone. The validated `runSimulation` drops
 * `kms:EncryptionContext:aws:logs:arn` (its key pattern takes no `:` in the context key), so the
 * decision comes from `runUnsafeSimulation`, after `runSimulation` has validated the document
 * (iam-simulate 0.1.173).
 */
export async function logsEncryptDecision(keyPolicy: object, request: { principal: string; keyArn: string; logGroupArn: string }): Promise<string> {
    const account = request.keyArn.split(":")[4];
    const base = {
        request: {
            principal: request.principal,
            action: "kms:GenerateDataKey",
            resource: { resource: request.keyArn, accountId: account },
            contextVariables: { "kms:EncryptionContext:aws:logs:arn": request.logGroupArn },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    };
    const validated = await runSimulation({ ...base, resourcePolicy: keyPolicy }, {});
    expect(validated.resultType, JSON.stringify((validated as { errors?: unknown }).errors)).to.not.equal("error");
    return runUnsafeSimulation({ ...base, resourcePolicy: { __validated: true, policyDocument: keyPolicy, metadata: { name: "key-policy" }, errors: [] } }, {});
}

/** Whether `principal`, holding `identityPolicies`, may call `action` on the key under its key policy. */
export async function keyDecision(request: { principal: string; identityPolicies: object[]; keyPolicy: object; action: string; keyArn: string; context?: Record<string, string> }): Promise<string> {
    const response = await runSimulation({
        request: { principal: request.principal, action: request.action, resource: { resource: request.keyArn, accountId: request.keyArn.split(":")[4] }, contextVariables: request.context ?? {} },
        identityPolicies: request.identityPolicies.map((policy, index) => ({ name: `identity-${index}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.keyPolicy,
    }, {});
    if (response.resultType === "error") {
        throw new Error(`${request.action} ${request.keyArn}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult;
}
