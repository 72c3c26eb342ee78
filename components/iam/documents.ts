/** IAM policy documents as plain data, and the statements several components share. */

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS: string } | { Service: string };
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Refuses every request to the bucket or its objects that arrives over plain HTTP. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * CloudFront reads `objects` through Origin Access Control on behalf of one distribution only
 * (`AWS:SourceArn`), so no other distribution, in any account, can serve them.
 */
export function allowCloudFrontRead(sid: string, objects: string, distributionArn: string): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: objects,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
    };
}
