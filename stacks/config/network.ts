import { z } from "zod";
import { ipv4Cidr, isIpv4Cidr, strictObject } from "./primitives";

export const networkSchema = strictObject({
    /** The VPC's IPv4 range; /16 to /20 leaves room for a /24-or-larger subnet per tier and AZ. */
    cidr: ipv4Cidr.refine((cidr) => {
        const prefix = Number(cidr.split("/")[1]);
        return !isIpv4Cidr(cidr) || (prefix >= 16 && prefix <= 20);
    }, { error: "a /16 to /20 IPv4 CIDR block such as 10.0.0.0/16" }),
    /** Availability zones with a public and a private subnet each. */
    availabilityZones: z.number().int().min(2).max(3),
    /** `perAz`: a NAT gateway in every AZ (no cross-AZ egress dependency); `single`: one shared. */
    natGateways: z.enum(["perAz", "single"]),
});

export type NetworkConfig = z.infer<typeof networkSchema>;
