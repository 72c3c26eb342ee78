// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Anti-Affinity Groups](https://community.exoscale.com/product/compute/instances/how-to/anti-affinity/).
 *
 * Corresponding data source: exoscale_anti_affinity_group.
 */
export class AntiAffinityGroup extends pulumi.CustomResource {
    /**
     * Get an existing AntiAffinityGroup resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: AntiAffinityGroupState, opts?: pulumi.CustomResourceOptions): AntiAffinityGroup {
        return new AntiAffinityGroup(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/antiAffinityGroup:AntiAffinityGroup";

    /** True if `obj` is a AntiAffinityGroup, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is AntiAffinityGroup {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === AntiAffinityGroup.__pulumiType;
    }

    /**
     * A free-form text describing the group.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * The anti-affinity group name.
     */
    declare readonly name: pulumi.Output<string>;

    /**
     * Create a AntiAffinityGroup resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args?: AntiAffinityGroupArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: AntiAffinityGroupArgs | AntiAffinityGroupState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as AntiAffinityGroupState | undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["name"] = state ? state.name : undefined;
        } else {
            const args = argsOrState as AntiAffinityGroupArgs | undefined;
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["name"] = args ? args.name : undefined;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(AntiAffinityGroup.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering AntiAffinityGroup resources. */
export interface AntiAffinityGroupState {
    /**
     * A free-form text describing the group.
     */
    description?: pulumi.Input<string>;
    /**
     * The anti-affinity group name.
     */
    name?: pulumi.Input<string>;
}

/** The set of arguments for constructing a AntiAffinityGroup resource. */
export interface AntiAffinityGroupArgs {
    /**
     * A free-form text describing the group.
     */
    description?: pulumi.Input<string>;
    /**
     * The anti-affinity group name.
     */
    name?: pulumi.Input<string>;
}
