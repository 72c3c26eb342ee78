import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EksPlatformCluster } from "../cluster/types";
import { awsAccountId, awsPartition } from "../lookups";
import { NetworkAllow } from "../namespace";
import { DnsZone, EksIngressArgs, ExternalDnsPolicy } from "./args";
import { charts } from "./charts";
import { irsaController } from "./irsa";
import { authoritativeDnsOut, httpsOut } from "./network-allows";
import { albControllerIntegrationsOff, albControllerPolicy } from "./alb-controller-policy";
import { certManagerPolicy, externalDnsPolicy } from "./policies";

/** Fixed names: each role's trust policy pins `system:serviceaccount:<namespace>:<name>`. */
export const eksControllers = {
    awsLoadBalancerController: { namespace: "aws-load-balancer-controller", serviceAccount: "aws-load-balancer-controller" },
    externalDns: { namespace: "external-dns", serviceAccount: "external-dns" },
    certManager: { namespace: "cert-manager", serviceAccount: "cert-manager" },
} as const;

export interface EksIngressInputs {
    readonly cluster: EksPlatformCluster;
    readonly aws: EksIngressArgs;
    readonly externalDnsPolicy: ExternalDnsPolicy;
    readonly txtOwnerId: pulumi.Input<string>;
}

/** The IAM role of each EKS controller. */
export interface EksControllerRoleArns {
    readonly awsLoadBalancerController: pulumi.Output<string>;
    readonly externalDns: pulumi.Output<string>;
    readonly certManager: pulumi.Output<string>;
}

export interface EksIngress {
    readonly roleArns: EksControllerRoleArns;
    /** Releases that must be ready before cert-manager resources and Ingresses are applied. */
    readonly certManager: k8s.helm.v3.Release;
    readonly awsLoadBalancerController: k8s.helm.v3.Release;
    /** Wildcard certificate per hosted zone, validated; the ALB finds them by the Ingress's TLS hosts. */
    readonly certificateArns: pulumi.Output<string>[];
}

/**
 * A wildcard ACM certificate per zone. The ALB serves only ACM certificates (never a Kubernetes
 * TLS secret), and the controller discovers a matching one from an Ingress's `tls[].hosts`, so
 * every `<name>.<zone>` Ingress gets HTTPS without a per-service step.
 */
function zoneCertificate(name: string, zone: DnsZone, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const certificate = new aws.acm.Certificate(name, {
        domainName: zone.domain,
        subjectAlternativeNames: [`*.${zone.domain}`],
        validationMethod: "DNS",
        tags: { Name: `*.${zone.domain}` },
    }, opts);
    // The apex and its wildcard share one validation record.
    const option = certificate.domainValidationOptions.apply((options) => options[0]);
    const record = new aws.route53.Record(`${name}-validation`, {
        zoneId: zone.id,
        name: option.resourceRecordName.apply((value) => value ?? ""),
        type: option.resourceRecordType.apply((value) => value ?? "CNAME"),
        records: [option.resourceRecordValue.apply((value) => value ?? "")],
        ttl: 300,
        allowOverwrite: true,
    }, opts);
    const validation = new aws.acm.CertificateValidation(`${name}-validation`, {
        certificateArn: certificate.arn,
        validationRecordFqdns: [record.fqdn],
    }, opts);
    return validation.certificateArn;
}

/**
 * Admission webhook calls. The EKS control plane reaches the cluster through its network
 * interfaces in the cluster's subnets, so the calls come from those subnets' ranges.
 */
function webhookFromControlPlane(subnetCidrs: string[], port: number, podLabels: Record<string, string>): NetworkAllow {
    return {
        name: "webhook",
        reason: "admission webhook calls from the Kubernetes API server, through its network interfaces in the cluster's subnets",
        podLabels,
        peers: subnetCidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: [{ protocol: "TCP", port }],
    };
}

/** The EKS variant's controllers, their IRSA roles and the zones' certificates, under `opts.parent`. */
export function eksIngress(name: string, inputs: EksIngressInputs, opts: { readonly parent: pulumi.Resource }): EksIngress {
    const { cluster, aws: awsArgs } = inputs;
    const awsOpts = { parent: opts.parent, provider: awsArgs.provider };
    const common = { oidc: cluster.oidc, awsProvider: awsArgs.provider, k8sProvider: cluster.provider };
    const partition = awsPartition(awsOpts);
    const zoneIds = awsArgs.hostedZones.map((zone) => zone.id);

    const awsLoadBalancerController = irsaController(`${name}-alb-controller`, {
        ...common,
        ...eksControllers.awsLoadBalancerController,
        chart: charts.awsLoadBalancerController,
        policy: pulumi.all([partition, awsAccountId(awsOpts), pulumi.output(awsArgs.vpcId), cluster.clusterName])
            .apply(([partitionName, account, vpcId, clusterName]) =>
                JSON.stringify(albControllerPolicy({ partition: partitionName, account, region: cluster.location, vpcId, clusterName }))),
        ingressAllows: [webhookFromControlPlane(awsArgs.controlPlaneSubnetCidrs, 9443, { "app.kubernetes.io/name": "aws-load-balancer-controller" })],
        egressAllows: [httpsOut("the ELB, EC2 and ACM APIs, STS for IRSA, and the Kubernetes API")],
        values: {
            clusterName: cluster.clusterName,
            region: cluster.location,
            vpcId: awsArgs.vpcId,
            replicaCount: 2,
            // The Service mutator intercepts every Service created in the cluster and fails closed
            // while the controller starts, rejecting the other charts' Services on a first `up`.
            // It only hands LoadBalancer Services without a class to this controller; the
            // platform exposes everything through Ingresses, and tenant quotas forbid load balancers.
            enableServiceMutatorWebhook: false,
            ...albControllerIntegrationsOff,
        },
    }, opts);

    const externalDns = irsaController(`${name}-external-dns`, {
        ...common,
        ...eksControllers.externalDns,
        chart: charts.externalDns,
        policy: partition.apply((p) => JSON.stringify(externalDnsPolicy(p, zoneIds))),
        egressAllows: [httpsOut("Route 53, STS for IRSA, and the Kubernetes API")],
        values: {
            provider: { name: "aws" },
            env: [{ name: "AWS_DEFAULT_REGION", value: cluster.location }],
            sources: ["ingress", "service"],
            domainFilters: awsArgs.hostedZones.map((zone) => zone.domain),
            extraArgs: zoneIds.map((id) => `--zone-id-filter=${id}`),
            policy: inputs.externalDnsPolicy,
            registry: "txt",
            txtOwnerId: inputs.txtOwnerId,
        },
    }, opts);

    const certManager = irsaController(`${name}-cert-manager`, {
        ...common,
        ...eksControllers.certManager,
        chart: charts.certManager,
        policy: partition.apply((p) => JSON.stringify(certManagerPolicy(p, zoneIds))),
        ingressAllows: [webhookFromControlPlane(awsArgs.controlPlaneSubnetCidrs, 10250, { "app.kubernetes.io/component": "webhook" })],
        egressAllows: [httpsOut("Let's Encrypt, Route 53, STS for IRSA, and the Kubernetes API"), authoritativeDnsOut],
        values: { crds: { enabled: true, keep: true } },
    }, opts);

    const certificateArns = awsArgs.hostedZones.map((zone, index) => zoneCertificate(`${name}-zone-cert-${index}`, zone, awsOpts));

    return {
        roleArns: {
            awsLoadBalancerController: awsLoadBalancerController.role.arn,
            externalDns: externalDns.role.arn,
            certManager: certManager.role.arn,
        },
        certManager: certManager.release,
        awsLoadBalancerController: awsLoadBalancerController.release,
        certificateArns,
    };
}
