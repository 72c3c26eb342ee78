import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegistryArgs {
    readonly repositoryName: string;
    readonly keyArn: pulumi.Input<string>;
    /** Tagged images kept; older ones expire. */
    readonly keepImages: number;
    /** The tag CI pushed and handed over in stack config; none before the first release. */
    readonly imageTag?: string;
}

export interface Registry {
    readonly repository: aws.ecr.Repository;
    /** `<repositoryUrl>@sha256:<digest>`: the exact image `imageTag` names; none without a tag. */
    readonly pinnedImage?: pulumi.Output<string>;
}

/** Untagged images (overwritten manifests, build layers) go after this many days. */
const untaggedExpiryDays = 7;

/**
 * The site's image repository: immutable tags (a SHA tag always means one build), scan on push,
 * KMS encryption, and a lifecycle policy so the repository never reaches ECR's 10,000-image limit.
 * The tag is resolved to its digest here, so the task definition names the image by content: a
 * re-pushed tag could not change what runs, and the digest stays the same on every later `up`.
 */
export function registry(name: string, args: RegistryArgs, opts: pulumi.CustomResourceOptions): Registry {
    const repository = new aws.ecr.Repository(name, {
        name: args.repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.keyArn }],
        forceDelete: false,
    }, opts);
    new aws.ecr.LifecyclePolicy(name, {
        repository: repository.name,
        policy: JSON.stringify({
            rules: [
                {
                    rulePriority: 1,
                    description: `expire untagged images after ${untaggedExpiryDays} days`,
                    selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                    action: { type: "expire" },
                },
                {
                    rulePriority: 2,
                    description: `keep the last ${args.keepImages} images`,
                    selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: args.keepImages },
                    action: { type: "expire" },
                },
            ],
        }),
    }, opts);
    if (args.imageTag === undefined) {
        return { repository };
    }
    const image = aws.ecr.getImageOutput({ repositoryName: repository.name, imageTag: args.imageTag }, { parent: opts.parent, provider: opts.provider });
    return { repository, pinnedImage: pulumi.interpolate`${repository.repositoryUrl}@${image.imageDigest}` };
}
