import * as pulumi from "@pulumi/pulumi";

interface DebuggableModule {
    debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}

let applied = false;

/**
 * The SDK wraps every promise it creates to feed a leak report (each with a captured stack trace
 * and a tracking set), and captures a full stack for every resource it registers, for source
 * positions the Pulumi service shows. An offline preview shows neither, and that bookkeeping was
 * over a third of a large preview's CPU time, so the engine's runs skip it. Everything else the
 * SDK does is untouched; the real path never loads this module.
 */
export function skipSdkBookkeeping(): void {
    if (applied) {
        return;
    }
    applied = true;
    // The SDK calls these through their module and class objects, so replacing them takes effect everywhere.
    (require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule).debuggablePromise = (promise) => promise;
    (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
}
