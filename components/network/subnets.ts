import { subnetCidr } from "../rules/cidr";

/**
 * Carves a VPC into per-AZ subnets: private subnets take a quarter of the range each (room for
 * VPC-CNI pod IPs), public subnets share the last quarter in sixteenths (load balancers and NAT only).
 */
export function subnetLayout(vpcCidr: string, zones: number): { publicCidrs: string[]; privateCidrs: string[] } {
    const prefix = Number(vpcCidr.split("/")[1]);
    const indexes = Array.from({ length: zones }, (_, i) => i);
    return {
        privateCidrs: indexes.map((i) => subnetCidr(vpcCidr, prefix + 2, i)),
        publicCidrs: indexes.map((i) => subnetCidr(vpcCidr, prefix + 4, 12 + i)),
    };
}
