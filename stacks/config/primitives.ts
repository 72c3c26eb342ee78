import { z } from "zod";
import { networkAddress } from "../../components/network/cidr";

/** Commercial AWS regions the platform may deploy into. */
export const awsRegions = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "ca-central-1", "ca-west-1", "sa-east-1", "mx-central-1",
    "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-north-1", "eu-south-1", "eu-south-2",
    "ap-south-1", "ap-south-2", "ap-east-1", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3",
    "me-south-1", "me-central-1", "il-central-1", "af-south-1",
] as const;

export type AwsRegion = (typeof awsRegions)[number];

export const awsRegion = z.enum(awsRegions, { error: "an AWS region such as eu-central-1" });

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

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const ipv4 = `${octet}\\.${octet}\\.${octet}\\.${octet}`;

const cidrNotation = new RegExp(`^${ipv4}/(3[0-2]|[12]?\\d)$`);

/** A CIDR block written as its network address, the only form VPCs, subnets and EKS accept. */
export function isIpv4Cidr(value: string): boolean {
    return cidrNotation.test(value) && networkAddress(value) === value;
}

export const ipv4Cidr = z.string().refine(isIpv4Cidr, {
    error: (issue) =>
        typeof issue.input === "string" && cidrNotation.test(issue.input)
            ? `${networkAddress(issue.input)}, the block's network address (host bits zero)`
            : "an IPv4 CIDR block such as 10.0.0.0/16",
});

/** A fully qualified DNS name: lower-case labels of at most 63 characters, at least two labels. */
export const dnsName = z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
        error: "a lower-case DNS name such as example.com",
    });

/** Lower-case identifiers used in names, tags and namespaces. */
export const slug = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
    error: "2-32 lower-case letters, digits or hyphens, starting with a letter",
});
