import { z } from "zod";
import { AwsRegion, awsRegions } from "../../components/rules/aws-regions";
import { ipv4NetworkProblems } from "../../components/rules/cidr";
import { hostnameProblems } from "../../components/rules/dns";

/** A region of the commercial partition; the error lists them all. */
export const awsRegion = z.enum(awsRegions as [AwsRegion, ...AwsRegion[]]);

/**
 * An object that rejects keys it does not know, naming the ones it does: a typo in a stack file
 * must fail instead of silently falling back to a default.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
    const allowed = Object.keys(shape).join(", ");
    return z.strictObject(shape, {
        error: (issue) => (issue.code === "unrecognized_keys" ? `unknown key; allowed: ${allowed}` : undefined),
    });
}

/** A value (a string unless `schema` says otherwise) checked by one of the shared rules (components/rules), one issue per broken rule. */
export function ruled<Value = string>(problems: (value: Value) => string[], schema: z.ZodType<Value> = z.string() as unknown as z.ZodType<Value>) {
    return schema.superRefine((value, ctx) => {
        for (const expected of problems(value)) {
            ctx.addIssue({ code: "custom", message: expected });
        }
    });
}

/** A CIDR block written as its network address, the only form VPCs, subnets and EKS accept. */
export const ipv4Cidr = ruled(ipv4NetworkProblems);

/** A fully qualified, lower-case DNS name: labels of at most 63 characters, at least two labels. */
export const dnsName = ruled(hostnameProblems);

/** Lower-case identifiers used in names, tags and namespaces. */
export const slug = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
    error: "2-32 lower-case letters, digits or hyphens, starting with a letter",
});
