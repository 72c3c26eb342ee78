// Binding for the Exoscale provider v0.66.1, kept by hand in the shape of the published
// @pulumiverse/exoscale SDK (README.md).

/** The provider plugin release these bindings were written against. */
export const providerVersion = "0.66.1";

/** Where the CLI fetches the plugin from: the schema's `pluginDownloadURL`, as the published SDK sends it. */
export const pluginDownloadURL = "github://api.github.com/pulumiverse/pulumi-exoscale";

/**
 * Options every Exoscale resource and provider registers with, so `pulumi up` installs exactly
 * plugin v0.66.1 from the pulumiverse GitHub releases. Explicit options passed by the caller win.
 *
 * @internal
 */
export function resourceOptsDefaults(): { version: string; pluginDownloadURL: string } {
    return { version: providerVersion, pluginDownloadURL };
}
