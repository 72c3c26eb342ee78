// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Security Group](https://community.exoscale.com/product/networking/security-group/) Rules.
 */
export class SecurityGroupRule extends pulumi.CustomResource {
    /**
     * Get an existing SecurityGroupRule resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SecurityGroupRuleState, opts?: pulumi.CustomResourceOptions): SecurityGroupRule {
        return new SecurityGroupRule(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/securityGroupRule:SecurityGroupRule";

    /** True if `obj` is a SecurityGroupRule, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is SecurityGroupRule {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === SecurityGroupRule.__pulumiType;
    }

    /**
     * An (`INGRESS`) source / (`EGRESS`) destination IP subnet (in [CIDR notation](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation)) to match (conflicts with `public_security_group`/`user_security_group`/`user_security_group_id`).
     */
    declare readonly cidr: pulumi.Output<string | undefined>;
    /**
     * A free-form text describing the security group rule.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    declare readonly endPort: pulumi.Output<number | undefined>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    declare readonly icmpCode: pulumi.Output<number | undefined>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    declare readonly icmpType: pulumi.Output<number | undefined>;
    /**
     * The network protocol to match (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `AH`, `ESP`, `GRE`, `IPIP` or `ALL`)
     */
    declare readonly protocol: pulumi.Output<string | undefined>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination public security group name to match (conflicts with `cidr`/`user_security_group`/`user_security_group_id`).
     */
    declare readonly publicSecurityGroup: pulumi.Output<string>;
    /**
     * The parent security group name. Please use the `security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `security_group_id`
     */
    declare readonly securityGroup: pulumi.Output<string>;
    /**
     * The parent exoscale_security_group ID.
     */
    declare readonly securityGroupId: pulumi.Output<string>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    declare readonly startPort: pulumi.Output<number | undefined>;
    /**
     * The traffic direction to match (`INGRESS` or `EGRESS`).
     */
    declare readonly type: pulumi.Output<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group name to match (conflicts with `cidr`/`public_security_group`/`user_security_group_id`). Please use the `user_security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `user_security_group_id`
     */
    declare readonly userSecurityGroup: pulumi.Output<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group ID to match (conflicts with `cidr`/`public_security_group`/`user_security_group)`).
     */
    declare readonly userSecurityGroupId: pulumi.Output<string | undefined>;

    /**
     * Create a SecurityGroupRule resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SecurityGroupRuleArgs | SecurityGroupRuleState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SecurityGroupRuleState | undefined;
            resourceInputs["cidr"] = state ? state.cidr : undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["endPort"] = state ? state.endPort : undefined;
            resourceInputs["icmpCode"] = state ? state.icmpCode : undefined;
            resourceInputs["icmpType"] = state ? state.icmpType : undefined;
            resourceInputs["protocol"] = state ? state.protocol : undefined;
            resourceInputs["publicSecurityGroup"] = state ? state.publicSecurityGroup : undefined;
            resourceInputs["securityGroup"] = state ? state.securityGroup : undefined;
            resourceInputs["securityGroupId"] = state ? state.securityGroupId : undefined;
            resourceInputs["startPort"] = state ? state.startPort : undefined;
            resourceInputs["type"] = state ? state.type : undefined;
            resourceInputs["userSecurityGroup"] = state ? state.userSecurityGroup : undefined;
            resourceInputs["userSecurityGroupId"] = state ? state.userSecurityGroupId : undefined;
        } else {
            const args = argsOrState as SecurityGroupRuleArgs | undefined;
            if ((!args || args.type === undefined) && !opts.urn) {
                throw new Error("Missing required property 'type'");
            }
            resourceInputs["cidr"] = args ? args.cidr : undefined;
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["endPort"] = args ? args.endPort : undefined;
            resourceInputs["icmpCode"] = args ? args.icmpCode : undefined;
            resourceInputs["icmpType"] = args ? args.icmpType : undefined;
            resourceInputs["protocol"] = args ? args.protocol : undefined;
            resourceInputs["publicSecurityGroup"] = args ? args.publicSecurityGroup : undefined;
            resourceInputs["securityGroup"] = args ? args.securityGroup : undefined;
            resourceInputs["securityGroupId"] = args ? args.securityGroupId : undefined;
            resourceInputs["startPort"] = args ? args.startPort : undefined;
            resourceInputs["type"] = args ? args.type : undefined;
            resourceInputs["userSecurityGroup"] = args ? args.userSecurityGroup : undefined;
            resourceInputs["userSecurityGroupId"] = args ? args.userSecurityGroupId : undefined;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(SecurityGroupRule.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering SecurityGroupRule resources. */
export interface SecurityGroupRuleState {
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination IP subnet (in [CIDR notation](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation)) to match (conflicts with `public_security_group`/`user_security_group`/`user_security_group_id`).
     */
    cidr?: pulumi.Input<string>;
    /**
     * A free-form text describing the security group rule.
     */
    description?: pulumi.Input<string>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    endPort?: pulumi.Input<number>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    icmpCode?: pulumi.Input<number>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    icmpType?: pulumi.Input<number>;
    /**
     * The network protocol to match (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `AH`, `ESP`, `GRE`, `IPIP` or `ALL`)
     */
    protocol?: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination public security group name to match (conflicts with `cidr`/`user_security_group`/`user_security_group_id`).
     */
    publicSecurityGroup?: pulumi.Input<string>;
    /**
     * The parent security group name. Please use the `security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `security_group_id`
     */
    securityGroup?: pulumi.Input<string>;
    /**
     * The parent exoscale_security_group ID.
     */
    securityGroupId?: pulumi.Input<string>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    startPort?: pulumi.Input<number>;
    /**
     * The traffic direction to match (`INGRESS` or `EGRESS`).
     */
    type?: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group name to match (conflicts with `cidr`/`public_security_group`/`user_security_group_id`). Please use the `user_security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `user_security_group_id`
     */
    userSecurityGroup?: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group ID to match (conflicts with `cidr`/`public_security_group`/`user_security_group)`).
     */
    userSecurityGroupId?: pulumi.Input<string>;
}

/** The set of arguments for constructing a SecurityGroupRule resource. */
export interface SecurityGroupRuleArgs {
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination IP subnet (in [CIDR notation](https://en.wikipedia.org/wiki/Classless_Inter-Domain_Routing#CIDR_notation)) to match (conflicts with `public_security_group`/`user_security_group`/`user_security_group_id`).
     */
    cidr?: pulumi.Input<string>;
    /**
     * A free-form text describing the security group rule.
     */
    description?: pulumi.Input<string>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    endPort?: pulumi.Input<number>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    icmpCode?: pulumi.Input<number>;
    /**
     * An ICMP/ICMPv6 [type/code](https://en.wikipedia.org/wiki/Internet_Control_Message_Protocol#Control_messages) to match.
     */
    icmpType?: pulumi.Input<number>;
    /**
     * The network protocol to match (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `AH`, `ESP`, `GRE`, `IPIP` or `ALL`)
     */
    protocol?: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination public security group name to match (conflicts with `cidr`/`user_security_group`/`user_security_group_id`).
     */
    publicSecurityGroup?: pulumi.Input<string>;
    /**
     * The parent security group name. Please use the `security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `security_group_id`
     */
    securityGroup?: pulumi.Input<string>;
    /**
     * The parent exoscale_security_group ID.
     */
    securityGroupId?: pulumi.Input<string>;
    /**
     * A `TCP`/`UDP` port range to match.
     */
    startPort?: pulumi.Input<number>;
    /**
     * The traffic direction to match (`INGRESS` or `EGRESS`).
     */
    type: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group name to match (conflicts with `cidr`/`public_security_group`/`user_security_group_id`). Please use the `user_security_group_id` argument along the exoscale_security_group data source instead.
     *
     * @deprecated Deprecated in favor of `user_security_group_id`
     */
    userSecurityGroup?: pulumi.Input<string>;
    /**
     * An (`INGRESS`) source / (`EGRESS`) destination security group ID to match (conflicts with `cidr`/`public_security_group`/`user_security_group)`).
     */
    userSecurityGroupId?: pulumi.Input<string>;
}
