// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).

import * as pulumi from "@pulumi/pulumi";

export interface NlbServiceHealthcheck {
    /**
     * The healthcheck interval in seconds (default: `10`).
     */
    interval?: pulumi.Input<number>;
    /**
     * The healthcheck mode (`tcp`|`http`|`https`; default: `tcp`).
     */
    mode?: pulumi.Input<string>;
    /**
     * The NLB service (TCP/UDP) port.
     */
    port: pulumi.Input<number>;
    /**
     * The healthcheck retries (default: `1`).
     */
    retries?: pulumi.Input<number>;
    /**
     * The healthcheck timeout (seconds; default: `5`).
     */
    timeout?: pulumi.Input<number>;
    /**
     * The healthcheck TLS SNI server name (only if `mode` is `https`).
     */
    tlsSni?: pulumi.Input<string>;
    /**
     * The healthcheck URI (must be set only if `mode` is `http(s)`).
     */
    uri?: pulumi.Input<string>;
}

export interface SksClusterAudit {
    /**
     * The optional bearer token to include in the request header
     */
    bearerToken?: pulumi.Input<string>;
    /**
     * Whether to run the APIServer with the configured Kubernetes Audit
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * The cluster API endpoint.
     */
    endpoint?: pulumi.Input<string>;
    /**
     * The Initial Backoff to wait before sending data to the remote server (default '10s')
     */
    initialBackoff?: pulumi.Input<string>;
}

export interface SksClusterOidc {
    /**
     * The OpenID client ID.
     */
    clientId: pulumi.Input<string>;
    /**
     * An OpenID JWT claim to use as the user's group.
     */
    groupsClaim?: pulumi.Input<string>;
    /**
     * An OpenID prefix prepended to group claims.
     */
    groupsPrefix?: pulumi.Input<string>;
    /**
     * The OpenID provider URL.
     */
    issuerUrl: pulumi.Input<string>;
    /**
     * A map of key/value pairs that describes a required claim in the OpenID Token.
     */
    requiredClaim?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
    /**
     * An OpenID JWT claim to use as the user name.
     */
    usernameClaim?: pulumi.Input<string>;
    /**
     * An OpenID prefix prepended to username claims.
     */
    usernamePrefix?: pulumi.Input<string>;
}

export interface SksNodepoolKubeletImageGc {
    /**
     * The percent of disk usage after which image garbage collection is always run
     */
    highThreshold?: pulumi.Input<number>;
    /**
     * The percent of disk usage before which image garbage collection is never run
     */
    lowThreshold?: pulumi.Input<number>;
    /**
     * The minimum age for an unused image before it is garbage collected (k8s duration format, eg. 1h)
     */
    minAge?: pulumi.Input<string>;
}
