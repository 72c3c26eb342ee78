import * as path from "path";
import { PolicyPackHost } from "../engine/analyzer";
import { repositoryRoot } from "../engine/preview";

let host: PolicyPackHost | undefined;

/** One policy pack server for the whole run, driven over gRPC exactly as in `npm run preview`. */
export async function policyHost(): Promise<PolicyPackHost> {
    host ??= await PolicyPackHost.start(path.join(repositoryRoot, "policy"));
    return host;
}

export const mochaHooks = {
    afterAll() {
        host?.stop();
    },
};
