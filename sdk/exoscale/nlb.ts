// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Network Load Balancers (NLB)](https://community.exoscale.com/product/networking/nlb/).
 *
 * Corresponding data source: exoscale_nlb.
 */
export class Nlb extends pulumi.CustomResource {
    /**
     * Get an existing Nlb resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: NlbState, opts?: pulumi.CustomResourceOptions): Nlb {
        return new Nlb(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/nlb:Nlb";

    /** True if `obj` is a Nlb, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is Nlb {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === Nlb.__pulumiType;
    }

    /**
     * The NLB creation date.
     */
    /*out*/ declare readonly createdAt: pulumi.Output<string>;
    /**
     * A free-form text describing the NLB.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * The NLB IPv4 address.
     */
    /*out*/ declare readonly ipAddress: pulumi.Output<string>;
    /**
     * A map of key/value labels.
     */
    declare readonly labels: pulumi.Output<{[key: string]: string} | undefined>;
    /**
     * The network load balancer (NLB) name.
     */
    declare readonly name: pulumi.Output<string>;
    /**
     * The list of the exoscale_nlb_service (names).
     */
    /*out*/ declare readonly services: pulumi.Output<string[]>;
    /**
     * The current NLB state.
     */
    /*out*/ declare readonly state: pulumi.Output<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    declare readonly zone: pulumi.Output<string>;

    /**
     * Create a Nlb resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args: NlbArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: NlbArgs | NlbState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as NlbState | undefined;
            resourceInputs["createdAt"] = state ? state.createdAt : undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["ipAddress"] = state ? state.ipAddress : undefined;
            resourceInputs["labels"] = state ? state.labels : undefined;
            resourceInputs["name"] = state ? state.name : undefined;
            resourceInputs["services"] = state ? state.services : undefined;
            resourceInputs["state"] = state ? state.state : undefined;
            resourceInputs["zone"] = state ? state.zone : undefined;
        } else {
            const args = argsOrState as NlbArgs | undefined;
            if ((!args || args.zone === undefined) && !opts.urn) {
                throw new Error("Missing required property 'zone'");
            }
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["labels"] = args ? args.labels : undefined;
            resourceInputs["name"] = args ? args.name : undefined;
            resourceInputs["zone"] = args ? args.zone : undefined;
            resourceInputs["createdAt"] = undefined /*out*/;
            resourceInputs["ipAddress"] = undefined /*out*/;
            resourceInputs["services"] = undefined /*out*/;
            resourceInputs["state"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Nlb.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering Nlb resources. */
export interface NlbState {
    /**
     * The NLB creation date.
     */
    createdAt?: pulumi.Input<string>;
    /**
     * A free-form text describing the NLB.
     */
    description?: pulumi.Input<string>;
    /**
     * The NLB IPv4 address.
     */
    ipAddress?: pulumi.Input<string>;
    /**
     * A map of key/value labels.
     */
    labels?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The network load balancer (NLB) name.
     */
    name?: pulumi.Input<string>;
    /**
     * The list of the exoscale_nlb_service (names).
     */
    services?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The current NLB state.
     */
    state?: pulumi.Input<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone?: pulumi.Input<string>;
}

/** The set of arguments for constructing a Nlb resource. */
export interface NlbArgs {
    /**
     * A free-form text describing the NLB.
     */
    description?: pulumi.Input<string>;
    /**
     * A map of key/value labels.
     */
    labels?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The network load balancer (NLB) name.
     */
    name?: pulumi.Input<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone: pulumi.Input<string>;
}
