// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Network Load Balancer (NLB)](https://community.exoscale.com/product/networking/nlb/) Services.
 */
export class NlbService extends pulumi.CustomResource {
    /**
     * Get an existing NlbService resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: NlbServiceState, opts?: pulumi.CustomResourceOptions): NlbService {
        return new NlbService(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/nlbService:NlbService";

    /** True if `obj` is a NlbService, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is NlbService {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === NlbService.__pulumiType;
    }

    /**
     * A free-form text describing the NLB service.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * The service health checking configuration.
     */
    declare readonly healthchecks: pulumi.Output<outputs.NlbServiceHealthcheck[]>;
    /**
     * The exoscale_instance_pool (ID) to forward traffic to.
     */
    declare readonly instancePoolId: pulumi.Output<string>;
    /**
     * The NLB service name.
     */
    declare readonly name: pulumi.Output<string>;
    /**
     * The parent exoscale.Nlb ID.
     */
    declare readonly nlbId: pulumi.Output<string>;
    /**
     * The healthcheck port.
     */
    declare readonly port: pulumi.Output<number>;
    /**
     * The protocol (`tcp`|`udp`; default: `tcp`).
     */
    declare readonly protocol: pulumi.Output<string | undefined>;
    /*out*/ declare readonly state: pulumi.Output<string>;
    /**
     * The strategy (`round-robin`|`source-hash`; default: `round-robin`).
     */
    declare readonly strategy: pulumi.Output<string | undefined>;
    /**
     * The (TCP/UDP) port to forward traffic to (on target instance pool members).
     */
    declare readonly targetPort: pulumi.Output<number>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    declare readonly zone: pulumi.Output<string>;

    /**
     * Create a NlbService resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args: NlbServiceArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: NlbServiceArgs | NlbServiceState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as NlbServiceState | undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["healthchecks"] = state ? state.healthchecks : undefined;
            resourceInputs["instancePoolId"] = state ? state.instancePoolId : undefined;
            resourceInputs["name"] = state ? state.name : undefined;
            resourceInputs["nlbId"] = state ? state.nlbId : undefined;
            resourceInputs["port"] = state ? state.port : undefined;
            resourceInputs["protocol"] = state ? state.protocol : undefined;
            resourceInputs["state"] = state ? state.state : undefined;
            resourceInputs["strategy"] = state ? state.strategy : undefined;
            resourceInputs["targetPort"] = state ? state.targetPort : undefined;
            resourceInputs["zone"] = state ? state.zone : undefined;
        } else {
            const args = argsOrState as NlbServiceArgs | undefined;
            if ((!args || args.healthchecks === undefined) && !opts.urn) {
                throw new Error("Missing required property 'healthchecks'");
            }
            if ((!args || args.instancePoolId === undefined) && !opts.urn) {
                throw new Error("Missing required property 'instancePoolId'");
            }
            if ((!args || args.nlbId === undefined) && !opts.urn) {
                throw new Error("Missing required property 'nlbId'");
            }
            if ((!args || args.port === undefined) && !opts.urn) {
                throw new Error("Missing required property 'port'");
            }
            if ((!args || args.targetPort === undefined) && !opts.urn) {
                throw new Error("Missing required property 'targetPort'");
            }
            if ((!args || args.zone === undefined) && !opts.urn) {
                throw new Error("Missing required property 'zone'");
            }
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["healthchecks"] = args ? args.healthchecks : undefined;
            resourceInputs["instancePoolId"] = args ? args.instancePoolId : undefined;
            resourceInputs["name"] = args ? args.name : undefined;
            resourceInputs["nlbId"] = args ? args.nlbId : undefined;
            resourceInputs["port"] = args ? args.port : undefined;
            resourceInputs["protocol"] = args ? args.protocol : undefined;
            resourceInputs["strategy"] = args ? args.strategy : undefined;
            resourceInputs["targetPort"] = args ? args.targetPort : undefined;
            resourceInputs["zone"] = args ? args.zone : undefined;
            resourceInputs["state"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(NlbService.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering NlbService resources. */
export interface NlbServiceState {
    /**
     * A free-form text describing the NLB service.
     */
    description?: pulumi.Input<string>;
    /**
     * The service health checking configuration.
     */
    healthchecks?: pulumi.Input<pulumi.Input<inputs.NlbServiceHealthcheck>[]>;
    /**
     * The exoscale_instance_pool (ID) to forward traffic to.
     */
    instancePoolId?: pulumi.Input<string>;
    /**
     * The NLB service name.
     */
    name?: pulumi.Input<string>;
    /**
     * The parent exoscale.Nlb ID.
     */
    nlbId?: pulumi.Input<string>;
    /**
     * The healthcheck port.
     */
    port?: pulumi.Input<number>;
    /**
     * The protocol (`tcp`|`udp`; default: `tcp`).
     */
    protocol?: pulumi.Input<string>;
    state?: pulumi.Input<string>;
    /**
     * The strategy (`round-robin`|`source-hash`; default: `round-robin`).
     */
    strategy?: pulumi.Input<string>;
    /**
     * The (TCP/UDP) port to forward traffic to (on target instance pool members).
     */
    targetPort?: pulumi.Input<number>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone?: pulumi.Input<string>;
}

/** The set of arguments for constructing a NlbService resource. */
export interface NlbServiceArgs {
    /**
     * A free-form text describing the NLB service.
     */
    description?: pulumi.Input<string>;
    /**
     * The service health checking configuration.
     */
    healthchecks: pulumi.Input<pulumi.Input<inputs.NlbServiceHealthcheck>[]>;
    /**
     * The exoscale_instance_pool (ID) to forward traffic to.
     */
    instancePoolId: pulumi.Input<string>;
    /**
     * The NLB service name.
     */
    name?: pulumi.Input<string>;
    /**
     * The parent exoscale.Nlb ID.
     */
    nlbId: pulumi.Input<string>;
    /**
     * The healthcheck port.
     */
    port: pulumi.Input<number>;
    /**
     * The protocol (`tcp`|`udp`; default: `tcp`).
     */
    protocol?: pulumi.Input<string>;
    /**
     * The strategy (`round-robin`|`source-hash`; default: `round-robin`).
     */
    strategy?: pulumi.Input<string>;
    /**
     * The (TCP/UDP) port to forward traffic to (on target instance pool members).
     */
    targetPort: pulumi.Input<number>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone: pulumi.Input<string>;
}
