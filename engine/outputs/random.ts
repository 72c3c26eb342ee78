import { OutputFactory } from "./context";

const alphabets = {
    upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    lower: "abcdefghijklmnopqrstuvwxyz",
    numeric: "0123456789",
    special: "!@#$%&*()-_=+[]{}<>:?",
};

/**
 * `@pulumi/random` values: deterministic per URN, drawn from the alphabets the inputs allow, and
 * secret where the provider marks them so (`RandomPassword.result`).
 */
export const randomOutputs: Record<string, OutputFactory> = {
    "random:index/randomPassword:RandomPassword": (ctx) => {
        const length = Number(ctx.inputs.length ?? 16);
        const alphabet = (Object.keys(alphabets) as (keyof typeof alphabets)[])
            .filter((kind) => ctx.inputs[kind] !== false)
            .map((kind) => (kind === "special" && typeof ctx.inputs.overrideSpecial === "string" ? ctx.inputs.overrideSpecial : alphabets[kind]))
            .join("");
        const result = ctx.ids.chars(length, alphabet, "result");
        return { id: "none", outputs: { result, bcryptHash: `$2a$10$${ctx.ids.chars(53, alphabets.lower + alphabets.numeric, "bcrypt")}` }, secretOutputs: ["result", "bcryptHash"] };
    },
};
