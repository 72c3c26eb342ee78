// Binding for the Exoscale provider v0.66.1, generated once from its schema and kept by hand
// (pulumiverse/pulumi-exoscale, provider/cmd/pulumi-resource-exoscale/schema.json). Same shape as the
// published @pulumiverse/exoscale SDK, which replaces this folder once it is installable (README.md).


export interface NlbServiceHealthcheck {
    /**
     * The healthcheck interval in seconds (default: `10`).
     */
    interval?: number;
    /**
     * The healthcheck mode (`tcp`|`http`|`https`; default: `tcp`).
     */
    mode?: string;
    /**
     * The NLB service (TCP/UDP) port.
     */
    port: number;
    /**
     * The healthcheck retries (default: `1`).
     */
    retries?: number;
    /**
     * The healthcheck timeout (seconds; default: `5`).
     */
    timeout?: number;
    /**
     * The healthcheck TLS SNI server name (only if `mode` is `https`).
     */
    tlsSni?: string;
    /**
     * The healthcheck URI (must be set only if `mode` is `http(s)`).
     */
    uri?: string;
}

export interface SksClusterAudit {
    /**
     * The optional bearer token to include in the request header
     */
    bearerToken?: string;
    /**
     * Whether to run the APIServer with the configured Kubernetes Audit
     */
    enabled?: boolean;
    /**
     * The cluster API endpoint.
     */
    endpoint?: string;
    /**
     * The Initial Backoff to wait before sending data to the remote server (default '10s')
     */
    initialBackoff?: string;
}

export interface SksClusterOidc {
    /**
     * The OpenID client ID.
     */
    clientId: string;
    /**
     * An OpenID JWT claim to use as the user's group.
     */
    groupsClaim?: string;
    /**
     * An OpenID prefix prepended to group claims.
     */
    groupsPrefix?: string;
    /**
     * The OpenID provider URL.
     */
    issuerUrl: string;
    /**
     * A map of key/value pairs that describes a required claim in the OpenID Token.
     */
    requiredClaim?: {[key: string]: string};
    /**
     * An OpenID JWT claim to use as the user name.
     */
    usernameClaim?: string;
    /**
     * An OpenID prefix prepended to username claims.
     */
    usernamePrefix?: string;
}

export interface SksNodepoolKubeletImageGc {
    /**
     * The percent of disk usage after which image garbage collection is always run
     */
    highThreshold?: number;
    /**
     * The percent of disk usage before which image garbage collection is never run
     */
    lowThreshold?: number;
    /**
     * The minimum age for an unused image before it is garbage collected (k8s duration format, eg. 1h)
     */
    minAge?: string;
}
