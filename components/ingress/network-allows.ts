import { NetworkAllow } from "../namespace";

/** Any address but link-local ones: controllers keep off the node's instance metadata service. */
export const anyAddress = [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.0.0/16"] } }];

/** HTTPS anywhere: the Kubernetes API, cloud APIs and Let's Encrypt have no fixed ranges. */
export const httpsOut = (reason: string): NetworkAllow => ({ name: "https", reason, peers: anyAddress, ports: [{ protocol: "TCP", port: 443 }] });

/** cert-manager's DNS01 self-check asks the zone's authoritative name servers directly. */
export const authoritativeDnsOut: NetworkAllow = {
    name: "authoritative-dns",
    reason: "the DNS01 self-check asks the zone's authoritative name servers directly",
    podLabels: { "app.kubernetes.io/component": "controller" },
    peers: anyAddress,
    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
};
