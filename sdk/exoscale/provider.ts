// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * The provider type for the exoscale package. Default providers for `exoscale` are disabled in
 * Pulumi.yaml, so every Exoscale resource names one of these explicitly.
 */
export class Provider extends pulumi.ProviderResource {
    /** @internal */
    public static readonly __pulumiType = "exoscale";

    /** True if `obj` is a Provider, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is Provider {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === "pulumi:providers:" + Provider.__pulumiType;
    }

    declare readonly environment: pulumi.Output<string | undefined>;
    /**
     * Exoscale API key
     */
    declare readonly key: pulumi.Output<string | undefined>;
    /**
     * Exoscale API secret
     */
    declare readonly secret: pulumi.Output<string | undefined>;
    declare readonly sosEndpoint: pulumi.Output<string | undefined>;

    /**
     * Create a Provider resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        {
            resourceInputs["delay"] = pulumi.output(args ? args.delay : undefined).apply(JSON.stringify);
            resourceInputs["environment"] = args ? args.environment : undefined;
            resourceInputs["key"] = args?.key ? pulumi.secret(args.key) : undefined;
            resourceInputs["secret"] = args?.secret ? pulumi.secret(args.secret) : undefined;
            resourceInputs["sosEndpoint"] = args ? args.sosEndpoint : undefined;
            resourceInputs["timeout"] = pulumi.output(args ? args.timeout : undefined).apply(JSON.stringify);
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        const secretOpts = { additionalSecretOutputs: ["key", "secret"] };
        opts = pulumi.mergeOptions(opts, secretOpts);
        super(Provider.__pulumiType, name, resourceInputs, opts);
    }
}

/** The set of arguments for constructing a Provider resource. */
export interface ProviderArgs {
    /**
     * @deprecated Does nothing
     */
    delay?: pulumi.Input<number>;
    environment?: pulumi.Input<string>;
    /**
     * Exoscale API key (the plugin falls back to `EXOSCALE_API_KEY`).
     */
    key?: pulumi.Input<string>;
    /**
     * Exoscale API secret (the plugin falls back to `EXOSCALE_API_SECRET`).
     */
    secret?: pulumi.Input<string>;
    sosEndpoint?: pulumi.Input<string>;
    /**
     * Timeout in seconds for waiting on compute resources to become available (by default: 3600)
     */
    timeout?: pulumi.Input<number>;
}
