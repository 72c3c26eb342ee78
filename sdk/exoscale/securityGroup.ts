// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Security Groups](https://community.exoscale.com/product/networking/security-group/).
 *
 * Corresponding data source: exoscale_security_group.
 */
export class SecurityGroup extends pulumi.CustomResource {
    /**
     * Get an existing SecurityGroup resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SecurityGroupState, opts?: pulumi.CustomResourceOptions): SecurityGroup {
        return new SecurityGroup(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/securityGroup:SecurityGroup";

    /** True if `obj` is a SecurityGroup, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is SecurityGroup {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === SecurityGroup.__pulumiType;
    }

    /**
     * A free-form text describing the group.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * A list of external network sources, in [CIDR](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation) notation.
     */
    declare readonly externalSources: pulumi.Output<string[] | undefined>;
    /**
     * The security group name.
     */
    declare readonly name: pulumi.Output<string>;

    /**
     * Create a SecurityGroup resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args?: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SecurityGroupArgs | SecurityGroupState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SecurityGroupState | undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["externalSources"] = state ? state.externalSources : undefined;
            resourceInputs["name"] = state ? state.name : undefined;
        } else {
            const args = argsOrState as SecurityGroupArgs | undefined;
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["externalSources"] = args ? args.externalSources : undefined;
            resourceInputs["name"] = args ? args.name : undefined;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(SecurityGroup.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering SecurityGroup resources. */
export interface SecurityGroupState {
    /**
     * A free-form text describing the group.
     */
    description?: pulumi.Input<string>;
    /**
     * A list of external network sources, in [CIDR](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation) notation.
     */
    externalSources?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The security group name.
     */
    name?: pulumi.Input<string>;
}

/** The set of arguments for constructing a SecurityGroup resource. */
export interface SecurityGroupArgs {
    /**
     * A free-form text describing the group.
     */
    description?: pulumi.Input<string>;
    /**
     * A list of external network sources, in [CIDR](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation) notation.
     */
    externalSources?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The security group name.
     */
    name?: pulumi.Input<string>;
}
