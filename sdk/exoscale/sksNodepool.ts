// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";

/**
 * Manage Exoscale [Scalable Kubernetes Service (SKS)](https://community.exoscale.com/product/compute/containers/) Node Pools.
 */
export class SksNodepool extends pulumi.CustomResource {
    /**
     * Get an existing SksNodepool resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SksNodepoolState, opts?: pulumi.CustomResourceOptions): SksNodepool {
        return new SksNodepool(name, <any>state, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "exoscale:index/sksNodepool:SksNodepool";

    /** True if `obj` is a SksNodepool, even when several copies of the SDK are loaded. */
    public static isInstance(obj: any): obj is SksNodepool {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === SksNodepool.__pulumiType;
    }

    /**
     * A list of exoscale_anti_affinity_group (IDs) to be attached to the managed instances.
     */
    declare readonly antiAffinityGroupIds: pulumi.Output<string[] | undefined>;
    /**
     * The parent exoscale_sks_cluster ID.
     */
    declare readonly clusterId: pulumi.Output<string>;
    /**
     * The pool creation date.
     */
    /*out*/ declare readonly createdAt: pulumi.Output<string>;
    /**
     * A deploy target ID.
     */
    declare readonly deployTargetId: pulumi.Output<string | undefined>;
    /**
     * A free-form text describing the pool.
     */
    declare readonly description: pulumi.Output<string | undefined>;
    /**
     * The managed instances disk size (GiB; default: `50`).
     */
    declare readonly diskSize: pulumi.Output<number | undefined>;
    /**
     * The underlying exoscale_instance_pool ID.
     */
    /*out*/ declare readonly instancePoolId: pulumi.Output<string>;
    /**
     * The string used to prefix the managed instances name (default `pool`).
     */
    declare readonly instancePrefix: pulumi.Output<string | undefined>;
    /**
     * The managed compute instances type (`<family>.<size>`, e.g. `standard.medium`; use the [Exoscale CLI](https://github.com/exoscale/cli/) - `exo compute instance-type list` - for the list of available types).
     */
    declare readonly instanceType: pulumi.Output<string>;
    /**
     * Enable IPV6 for the nodepool nodes
     */
    declare readonly ipv6: pulumi.Output<boolean | undefined>;
    /**
     * Configuration for this nodepool's kubelet image garbage collector
     */
    declare readonly kubeletImageGcs: pulumi.Output<outputs.SksNodepoolKubeletImageGc[] | undefined>;
    /**
     * A map of key/value labels.
     */
    declare readonly labels: pulumi.Output<{[key: string]: string} | undefined>;
    /**
     * The SKS node pool name.
     */
    declare readonly name: pulumi.Output<string>;
    /**
     * A list of exoscale_private_network (IDs) to be attached to the managed instances.
     */
    declare readonly privateNetworkIds: pulumi.Output<string[] | undefined>;
    /**
     * A list of exoscale_security_group (IDs) to be attached to the managed instances.
     */
    declare readonly securityGroupIds: pulumi.Output<string[] | undefined>;
    declare readonly size: pulumi.Output<number>;
    /**
     * The current pool state.
     */
    /*out*/ declare readonly state: pulumi.Output<string>;
    /**
     * Create nodes with non-standard partitioning for persistent storage (requires min 100G of disk space) (may only be set at creation time).
     */
    declare readonly storageLvm: pulumi.Output<boolean | undefined>;
    /**
     * A map of key/value Kubernetes [taints](https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/) ('taints = { \n\n = "\n\n:\n\n" }').
     */
    declare readonly taints: pulumi.Output<{[key: string]: string} | undefined>;
    /**
     * The managed instances template ID.
     */
    /*out*/ declare readonly templateId: pulumi.Output<string>;
    /**
     * The managed instances version.
     */
    /*out*/ declare readonly version: pulumi.Output<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    declare readonly zone: pulumi.Output<string>;

    /**
     * Create a SksNodepool resource with the given unique name, arguments, and options.
     */
    constructor(name: string, args: SksNodepoolArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SksNodepoolArgs | SksNodepoolState, opts?: pulumi.CustomResourceOptions) {
        let resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SksNodepoolState | undefined;
            resourceInputs["antiAffinityGroupIds"] = state ? state.antiAffinityGroupIds : undefined;
            resourceInputs["clusterId"] = state ? state.clusterId : undefined;
            resourceInputs["createdAt"] = state ? state.createdAt : undefined;
            resourceInputs["deployTargetId"] = state ? state.deployTargetId : undefined;
            resourceInputs["description"] = state ? state.description : undefined;
            resourceInputs["diskSize"] = state ? state.diskSize : undefined;
            resourceInputs["instancePoolId"] = state ? state.instancePoolId : undefined;
            resourceInputs["instancePrefix"] = state ? state.instancePrefix : undefined;
            resourceInputs["instanceType"] = state ? state.instanceType : undefined;
            resourceInputs["ipv6"] = state ? state.ipv6 : undefined;
            resourceInputs["kubeletImageGcs"] = state ? state.kubeletImageGcs : undefined;
            resourceInputs["labels"] = state ? state.labels : undefined;
            resourceInputs["name"] = state ? state.name : undefined;
            resourceInputs["privateNetworkIds"] = state ? state.privateNetworkIds : undefined;
            resourceInputs["securityGroupIds"] = state ? state.securityGroupIds : undefined;
            resourceInputs["size"] = state ? state.size : undefined;
            resourceInputs["state"] = state ? state.state : undefined;
            resourceInputs["storageLvm"] = state ? state.storageLvm : undefined;
            resourceInputs["taints"] = state ? state.taints : undefined;
            resourceInputs["templateId"] = state ? state.templateId : undefined;
            resourceInputs["version"] = state ? state.version : undefined;
            resourceInputs["zone"] = state ? state.zone : undefined;
        } else {
            const args = argsOrState as SksNodepoolArgs | undefined;
            if ((!args || args.clusterId === undefined) && !opts.urn) {
                throw new Error("Missing required property 'clusterId'");
            }
            if ((!args || args.instanceType === undefined) && !opts.urn) {
                throw new Error("Missing required property 'instanceType'");
            }
            if ((!args || args.size === undefined) && !opts.urn) {
                throw new Error("Missing required property 'size'");
            }
            if ((!args || args.zone === undefined) && !opts.urn) {
                throw new Error("Missing required property 'zone'");
            }
            resourceInputs["antiAffinityGroupIds"] = args ? args.antiAffinityGroupIds : undefined;
            resourceInputs["clusterId"] = args ? args.clusterId : undefined;
            resourceInputs["deployTargetId"] = args ? args.deployTargetId : undefined;
            resourceInputs["description"] = args ? args.description : undefined;
            resourceInputs["diskSize"] = args ? args.diskSize : undefined;
            resourceInputs["instancePrefix"] = args ? args.instancePrefix : undefined;
            resourceInputs["instanceType"] = args ? args.instanceType : undefined;
            resourceInputs["ipv6"] = args ? args.ipv6 : undefined;
            resourceInputs["kubeletImageGcs"] = args ? args.kubeletImageGcs : undefined;
            resourceInputs["labels"] = args ? args.labels : undefined;
            resourceInputs["name"] = args ? args.name : undefined;
            resourceInputs["privateNetworkIds"] = args ? args.privateNetworkIds : undefined;
            resourceInputs["securityGroupIds"] = args ? args.securityGroupIds : undefined;
            resourceInputs["size"] = args ? args.size : undefined;
            resourceInputs["storageLvm"] = args ? args.storageLvm : undefined;
            resourceInputs["taints"] = args ? args.taints : undefined;
            resourceInputs["zone"] = args ? args.zone : undefined;
            resourceInputs["createdAt"] = undefined /*out*/;
            resourceInputs["instancePoolId"] = undefined /*out*/;
            resourceInputs["state"] = undefined /*out*/;
            resourceInputs["templateId"] = undefined /*out*/;
            resourceInputs["version"] = undefined /*out*/;
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(SksNodepool.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering SksNodepool resources. */
export interface SksNodepoolState {
    /**
     * A list of exoscale_anti_affinity_group (IDs) to be attached to the managed instances.
     */
    antiAffinityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The parent exoscale_sks_cluster ID.
     */
    clusterId?: pulumi.Input<string>;
    /**
     * The pool creation date.
     */
    createdAt?: pulumi.Input<string>;
    /**
     * A deploy target ID.
     */
    deployTargetId?: pulumi.Input<string>;
    /**
     * A free-form text describing the pool.
     */
    description?: pulumi.Input<string>;
    /**
     * The managed instances disk size (GiB; default: `50`).
     */
    diskSize?: pulumi.Input<number>;
    /**
     * The underlying exoscale_instance_pool ID.
     */
    instancePoolId?: pulumi.Input<string>;
    /**
     * The string used to prefix the managed instances name (default `pool`).
     */
    instancePrefix?: pulumi.Input<string>;
    /**
     * The managed compute instances type (`<family>.<size>`, e.g. `standard.medium`; use the [Exoscale CLI](https://github.com/exoscale/cli/) - `exo compute instance-type list` - for the list of available types).
     */
    instanceType?: pulumi.Input<string>;
    /**
     * Enable IPV6 for the nodepool nodes
     */
    ipv6?: pulumi.Input<boolean>;
    /**
     * Configuration for this nodepool's kubelet image garbage collector
     */
    kubeletImageGcs?: pulumi.Input<pulumi.Input<inputs.SksNodepoolKubeletImageGc>[]>;
    /**
     * A map of key/value labels.
     */
    labels?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The SKS node pool name.
     */
    name?: pulumi.Input<string>;
    /**
     * A list of exoscale_private_network (IDs) to be attached to the managed instances.
     */
    privateNetworkIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * A list of exoscale_security_group (IDs) to be attached to the managed instances.
     */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    size?: pulumi.Input<number>;
    /**
     * The current pool state.
     */
    state?: pulumi.Input<string>;
    /**
     * Create nodes with non-standard partitioning for persistent storage (requires min 100G of disk space) (may only be set at creation time).
     */
    storageLvm?: pulumi.Input<boolean>;
    /**
     * A map of key/value Kubernetes [taints](https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/) ('taints = { \n\n = "\n\n:\n\n" }').
     */
    taints?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The managed instances template ID.
     */
    templateId?: pulumi.Input<string>;
    /**
     * The managed instances version.
     */
    version?: pulumi.Input<string>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone?: pulumi.Input<string>;
}

/** The set of arguments for constructing a SksNodepool resource. */
export interface SksNodepoolArgs {
    /**
     * A list of exoscale_anti_affinity_group (IDs) to be attached to the managed instances.
     */
    antiAffinityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The parent exoscale_sks_cluster ID.
     */
    clusterId: pulumi.Input<string>;
    /**
     * A deploy target ID.
     */
    deployTargetId?: pulumi.Input<string>;
    /**
     * A free-form text describing the pool.
     */
    description?: pulumi.Input<string>;
    /**
     * The managed instances disk size (GiB; default: `50`).
     */
    diskSize?: pulumi.Input<number>;
    /**
     * The string used to prefix the managed instances name (default `pool`).
     */
    instancePrefix?: pulumi.Input<string>;
    /**
     * The managed compute instances type (`<family>.<size>`, e.g. `standard.medium`; use the [Exoscale CLI](https://github.com/exoscale/cli/) - `exo compute instance-type list` - for the list of available types).
     */
    instanceType: pulumi.Input<string>;
    /**
     * Enable IPV6 for the nodepool nodes
     */
    ipv6?: pulumi.Input<boolean>;
    /**
     * Configuration for this nodepool's kubelet image garbage collector
     */
    kubeletImageGcs?: pulumi.Input<pulumi.Input<inputs.SksNodepoolKubeletImageGc>[]>;
    /**
     * A map of key/value labels.
     */
    labels?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The SKS node pool name.
     */
    name?: pulumi.Input<string>;
    /**
     * A list of exoscale_private_network (IDs) to be attached to the managed instances.
     */
    privateNetworkIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * A list of exoscale_security_group (IDs) to be attached to the managed instances.
     */
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    size: pulumi.Input<number>;
    /**
     * Create nodes with non-standard partitioning for persistent storage (requires min 100G of disk space) (may only be set at creation time).
     */
    storageLvm?: pulumi.Input<boolean>;
    /**
     * A map of key/value Kubernetes [taints](https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/) ('taints = { \n\n = "\n\n:\n\n" }').
     */
    taints?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * The Exoscale [Zone](https://www.exoscale.com/datacenters/) name.
     */
    zone: pulumi.Input<string>;
}
