import { z } from "zod";
import { vpcCidrProblems } from "../../components/rules/cidr";
import { ruled, strictObject } from "./primitives";

export const networkSchema = strictObject({
    /** The VPC's IPv4 range; /16 to /20 leaves room for a /24-or-larger subnet per tier and AZ (the Network component's rule). */
    cidr: ruled(vpcCidrProblems),
    /** Availability zones with a public and a private subnet each. */
    availabilityZones: z.number().int().min(2).max(3),
    /** `perAz`: a NAT gateway in every AZ (no cross-AZ egress dependency); `single`: one shared. */
    natGateways: z.enum(["perAz", "single"]),
});

export type NetworkConfig = z.infer<typeof networkSchema>;
