import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { z } from "zod";

/**
 * `isConfigSecret` is marked internal in the SDK's typings, yet it is how `pulumi.Config.get` warns
 * about secrets: the language host lists the stack file's `secure:` keys in PULUMI_CONFIG_SECRET_KEYS,
 * and the offline engine sets the same list.
 */
const { isConfigSecret } = runtimeConfig as typeof runtimeConfig & { isConfigSecret(key: string): boolean };

/**
 * A credential that must be `secure:` in the stack file. A plaintext value fails validation
 * without being echoed (the loader prints "found a plaintext value"); a secure one becomes a
 * Pulumi secret, so it stays encrypted in state and masked in output.
 */
export function secretString(key: string) {
    return z
        .string()
        .min(1)
        .superRefine((_, ctx) => {
            if (!isConfigSecret(`${pulumi.getProject()}:${key}`)) {
                ctx.addIssue({
                    code: "custom",
                    message: `a secret: pulumi config set --secret ${key} <value> (plaintext is refused)`,
                    params: { redact: true },
                });
            }
        })
        .transform((value) => pulumi.secret(value));
}
