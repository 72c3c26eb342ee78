// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

export class SksKubeconfig extends pulumi.CustomResource {
    /**
     * Get an existing SksKubeconfig resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SksKubeconfigState, opts?: pulumi.CustomResourceOptions): SksKubeconfig {
        return new SksKubeconfig(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/sksKubeconfig:SksKubeconfig";

    /** True if `obj` is a SksKubeconfig, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is SksKubeconfig {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === SksKubeconfig.__pulumiType;
    }

    /**
     * The parent exoscale_sks_cluster ID.
     */
    declare readonly clusterId: pulumi.Output<string>;
    declare readonly earlyRenewalSeconds: pulumi.Output<number | undefined>;
    /**
     * Group names in the generated Kubeconfig. The certificate present in the Kubeconfig will have these roles set in the Organization field.
     */
    declare readonly groups: pulumi.Output<string[]>;
    /**
     * The generated Kubeconfig (YAML content).
     */
    /*out*/ declare readonly kubeconfig: pulumi.Output<string>;
    /*out*/ declare readonly readyForRenewal: pulumi.Output<boolean>;
    /**
     * The Time-to-Live of the Kubeconfig, after which it will expire / become invalid (seconds; default: 2592000 = 30 days).
     */
    declare readonly ttlSeconds: pulumi.Output<number | undefined>;
    /**
     * User name in the generated Kubeconfig. The certificate present in the Kubeconfig will also have this name set for the CN field.
     */
    declare readonly user: pulumi.Output<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    declare readonly zone: pulumi.Output<string>;

    /**
     * Create a SksKubeconfig resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args: SksKubeconfigArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SksKubeconfigArgs | SksKubeconfigState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SksKubeconfigState | undefined;
            resourceInputs["clusterId"] = state ? state.clusterId : undefined;
            resourceInputs["earlyRenewalSeconds"] = state ? state.earlyRenewalSeconds : undefined;
            resourceInputs["groups"] = state ? state.groups : undefined;
            resourceInputs["kubeconfig"] = state ? state.kubeconfig : undefined;
            resourceInputs["readyForRenewal"] = state ? state.readyForRenewal : undefined;
            resourceInputs["ttlSeconds"] = state ? state.ttlSeconds : undefined;
            resourceInputs["user"] = state ? state.user : undefined;
            resourceInputs["zone"] = state ? state.zone : undefined;
        } else {
            const args = argsOrState as SksKubeconfigArgs | undefined;
            if ((!args || args.clusterId === undefined) && !opts.urn) {
                throw new Error("Missing required property 'clusterId'");
            }
            if ((!args || args.groups === undefined) && !opts.urn) {
                throw new Error("Missing required property 'groups'");
            }
            if ((!args || args.user === undefined) && !opts.urn) {
                throw new Error("Missing required property 'user'");
            }
            if ((!args || args.zone === undefined) && !opts.urn) {
                throw new Error("Missing required property 'zone'");
            }
            resourceInputs["clusterId"] = args ? args.clusterId : undefined;
            resourceInputs["earlyRenewalSeconds"] = args ? args.earlyRenewalSeconds : undefined;
            resourceInputs["groups"] = args ? args.groups : undefined;
            resourceInputs["ttlSeconds"] = args ? args.ttlSeconds : undefined;
            resourceInputs["user"] = args ? args.user : undefined;
            resourceInputs["zone"] = args ? args.zone : undefined;
            resourceInputs["kubeconfig"] = undefined /*out*/;
            resourceInputs["readyForRenewal"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        const secretOpts = { additionalSecretOutputs: ["kubeconfig"] };
        opts = pulumi.mergeOptions(opts, secretOpts);
        super(SksKubeconfig.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering SksKubeconfig resources. */
export interface SksKubeconfigState {
    /**
     * The parent exoscale_sks_cluster ID.
     */
    clusterId?: pulumi.Input<string>;
    earlyRenewalSeconds?: pulumi.Input<number>;
    /**
     * Group names in the generated Kubeconfig. The certificate present in the Kubeconfig will have these roles set in the Organization field.
     */
    groups?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The generated Kubeconfig (YAML content).
     */
    kubeconfig?: pulumi.Input<string>;
    readyForRenewal?: pulumi.Input<boolean>;
    /**
     * The Time-to-Live of the Kubeconfig, after which it will expire / become invalid (seconds; default: 2592000 = 30 days).
     */
    ttlSeconds?: pulumi.Input<number>;
    /**
     * User name in the generated Kubeconfig. The certificate present in the Kubeconfig will also have this name set for the CN field.
     */
    user?: pulumi.Input<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone?: pulumi.Input<string>;
}

/** The set of arguments for constructing a SksKubeconfig resource. */
export interface SksKubeconfigArgs {
    /**
     * The parent exoscale_sks_cluster ID.
     */
    clusterId: pulumi.Input<string>;
    earlyRenewalSeconds?: pulumi.Input<number>;
    /**
     * Group names in the generated Kubeconfig. The certificate present in the Kubeconfig will have these roles set in the Organization field.
     */
    groups: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The Time-to-Live of the Kubeconfig, after which it will expire / become invalid (seconds; default: 2592000 = 30 days).
     */
    ttlSeconds?: pulumi.Input<number>;
    /**
     * User name in the generated Kubeconfig. The certificate present in the Kubeconfig will also have this name set for the CN field.
     */
    user: pulumi.Input<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone: pulumi.Input<string>;
}
