import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityChainArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly containerPort: number;
    readonly databasePort: number;
    readonly cachePort: number;
}

export interface SecurityChain {
    readonly loadBalancer: aws.ec2.SecurityGroup;
    readonly service: aws.ec2.SecurityGroup;
    readonly database: aws.ec2.SecurityGroup;
    readonly cache: aws.ec2.SecurityGroup;
}

/**
 * The only paths: internet → ALB on 80/443, ALB → tasks on the container port, tasks → database
 * and cache on their ports, tasks → 443 anywhere (ECR, Secrets Manager, CloudWatch Logs, S3 and
 * the ECS Exec channels have no fixed addresses; the VPC has no interface endpoints). Groups are
 * created without rules (the provider removes AWS's default allow-all egress), each rule is its
 * own resource naming its peer group, so the database and cache only answer and never call out.
 */
export function securityChain(name: string, args: SecurityChainArgs, opts: pulumi.CustomResourceOptions): SecurityChain {
    const group = (role: string, description: string) => new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description }, opts);
    const chain = {
        loadBalancer: group("alb", "ALB: HTTP and HTTPS from the internet, to the tasks only"),
        service: group("service", "Fargate tasks: from the ALB only"),
        database: group("database", "MySQL: from the tasks only"),
        cache: group("cache", "Session cache: from the tasks only"),
    };
    const ingress = (rule: string, securityGroupId: pulumi.Input<string>, port: number, from: { cidrIpv4?: string; referencedSecurityGroupId?: pulumi.Input<string> }, description: string) =>
        new aws.vpc.SecurityGroupIngressRule(`${name}-${rule}`, { securityGroupId, ipProtocol: "tcp", fromPort: port, toPort: port, ...from, description }, opts);
    const egress = (rule: string, securityGroupId: pulumi.Input<string>, port: number, to: { cidrIpv4?: string; referencedSecurityGroupId?: pulumi.Input<string> }, description: string) =>
        new aws.vpc.SecurityGroupEgressRule(`${name}-${rule}`, { securityGroupId, ipProtocol: "tcp", fromPort: port, toPort: port, ...to, description }, opts);

    ingress("alb-http", chain.loadBalancer.id, 80, { cidrIpv4: "0.0.0.0/0" }, "HTTP from the internet (redirected to HTTPS)");
    ingress("alb-https", chain.loadBalancer.id, 443, { cidrIpv4: "0.0.0.0/0" }, "HTTPS from the internet");
    egress("alb-to-service", chain.loadBalancer.id, args.containerPort, { referencedSecurityGroupId: chain.service.id }, "to the tasks");
    ingress("service-from-alb", chain.service.id, args.containerPort, { referencedSecurityGroupId: chain.loadBalancer.id }, "from the ALB");
    egress("service-to-database", chain.service.id, args.databasePort, { referencedSecurityGroupId: chain.database.id }, "to MySQL");
    egress("service-to-cache", chain.service.id, args.cachePort, { referencedSecurityGroupId: chain.cache.id }, "to the session cache");
    egress("service-to-aws", chain.service.id, 443, { cidrIpv4: "0.0.0.0/0" }, "HTTPS to AWS APIs (ECR, Secrets Manager, logs, S3, ECS Exec)");
    ingress("database-from-service", chain.database.id, args.databasePort, { referencedSecurityGroupId: chain.service.id }, "MySQL from the tasks");
    ingress("cache-from-service", chain.cache.id, args.cachePort, { referencedSecurityGroupId: chain.service.id }, "session cache from the tasks");
    return chain;
}
