import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const answersByProvider = new WeakMap<pulumi.ProviderResource, Map<string, unknown>>();

/**
 * Runs a provider lookup once per provider and arguments, and hands every later caller the same
 * output. Lookups such as the caller's account, the partition, a managed cache policy or a DNS
 * zone answer the same for every tenant in a region; without this, a stack with hundreds of
 * tenants sends the same question to the provider plugin (and through it to AWS or Cloudflare)
 * hundreds of times in every preview. A lookup whose provider cannot be told (a default
 * provider), or that waits on `dependsOn`, runs every time: its answer is that caller's own.
 */
export function lookupOnce<T>(token: string, args: object, opts: pulumi.InvokeOutputOptions, lookup: () => T): T {
    const provider = opts.provider ?? opts.parent?.getProvider(token);
    if (!provider || opts.dependsOn !== undefined) {
        return lookup();
    }
    let answers = answersByProvider.get(provider);
    if (!answers) {
        answers = new Map();
        answersByProvider.set(provider, answers);
    }
    const question = `${token} ${JSON.stringify(args)}`;
    if (!answers.has(question)) {
        answers.set(question, lookup());
    }
    return answers.get(question) as T;
}

/** The AWS partition (`aws`, `aws-cn`, ...) of the provider `opts` names or its parent hands down. */
export function awsPartition(opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return lookupOnce("aws:index/getPartition:getPartition", {}, opts, () => aws.getPartitionOutput({}, opts)).partition;
}

/** The region of the `aws` provider `opts` names or its parent hands down. */
export function awsRegion(opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return lookupOnce("aws:index/getRegion:getRegion", {}, opts, () => aws.getRegionOutput({}, opts)).region;
}

/** The account the provider `opts` names (or its parent hands down) works in. */
export function awsAccountId(opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return lookupOnce("aws:index/getCallerIdentity:getCallerIdentity", {}, opts, () => aws.getCallerIdentityOutput({}, opts)).accountId;
}
