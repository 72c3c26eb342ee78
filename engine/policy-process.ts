import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A policy pack's analyzer server starting in its own node process. */
export interface PolicyPackProcess {
    readonly directory: string;
    readonly child: ChildProcess;
    /** The port the pack's gRPC server listens on, once it has printed it. */
    readonly port: Promise<string>;
}

export class PolicyPackError extends Error {}

const registerScript = path.join(__dirname, "register.js");

/**
 * A preview allocates many short-lived objects (the SDK's outputs and promises, gRPC messages); a
 * larger young generation halves the time spent collecting them. `npm run preview` passes the same.
 */
export const engineNodeOptions = ["--max-semi-space-size=32"];

/**
 * Starts a policy pack the way `pulumi-analyzer-policy` does: the pack's program constructs its
 * `PolicyPack`, which serves the Analyzer gRPC service and prints its port. Kept free of heavy
 * imports so the CLI can start it before loading the SDKs, overlapping the two start-ups.
 */
export function spawnPolicyPack(directory: string): PolicyPackProcess {
    const dir = path.resolve(directory);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new PolicyPackError(`${dir} is not a policy pack: PulumiPolicy.yaml is missing`);
    }
    // The pack exits cleanly (saving its compiled-code cache) when stopped, and when its parent goes
    // away without stopping it: its stdin, a pipe from the parent, then closes.
    const program = [
        `process.on("SIGTERM", () => process.exit(0));`,
        `process.stdin.on("end", () => process.exit(0)).resume();`,
        `require(${JSON.stringify(dir)});`,
    ].join(" ");
    const child = spawn(process.execPath, [...engineNodeOptions, "-r", registerScript, "-e", program], {
        cwd: dir,
        stdio: ["pipe", "pipe", "pipe"],
    });
    const port = new Promise<string>((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const onData = (chunk: Buffer) => {
            stdout += chunk;
            const line = /^(\d+)\s*$/m.exec(stdout);
            if (line) {
                child.stdout!.off("data", onData);
                child.stdout!.resume();
                resolve(line[1]);
            }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.on("exit", (code) => reject(new PolicyPackError(`policy pack ${dir} exited (${code}) before serving:\n${stderr}`)));
    });
    port.catch(() => undefined);
    return { directory: dir, child, port };
}
