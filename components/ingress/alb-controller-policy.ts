import { PolicyDocument, PolicyStatement } from "./policies";

/** Where the controller works: its cluster's tag value, its VPC, its account and region. */
export interface AlbControllerScope {
    readonly partition: string;
    readonly region: string;
    readonly account: string;
    readonly vpcId: string;
    /** The value the controller writes into the `elbv2.k8s.aws/cluster` tag of everything it creates. */
    readonly clusterName: string;
}

/**
 * Chart values that keep the controller from calling WAF, WAFv2 and Shield: the platform attaches
 * no web ACL or Shield protection to an ALB, so `albControllerPolicy` leaves those actions out
 * (upstream's `waf-regional:*WebACL*`, `wafv2:*WebACL*`, `shield:*Protection*`,
 * `shield:GetSubscriptionState` and `elasticloadbalancing:SetWebAcl`).
 */
export const albControllerIntegrationsOff = { enableWaf: false, enableWafv2: false, enableShield: false } as const;

/**
 * The AWS Load Balancer Controller's permissions: upstream's published policy
 * (`aws-load-balancer-controller-iam-policy.json`, kubernetes-sigs/aws-load-balancer-controller
 * `docs/install/iam_policy.json` at commit 2b150b977b79dcad119243f2e8f3625ea5bb7e81, v2.12),
 * narrowed so that no write action is granted on `*`: every resource is an ARN pattern of this
 * account and region; what the controller creates must carry its cluster's tag, and what it
 * changes or deletes must already carry it (upstream only asks for the tag's presence, which
 * another cluster's controller in the account also satisfies); security group rules are limited
 * to groups in the cluster's VPC (the controller opens the nodes' groups, which it does not tag, to
 * the ALB's); `ModifyIpPools` moves under the tag condition (upstream grants it on `*` beside the
 * describe calls). Listener and rule changes are held to this account's and region's ARNs without
 * a tag condition, as upstream grants them without one.
 */
export function albControllerPolicy(scope: AlbControllerScope): PolicyDocument {
    const elb = (resource: string) => `arn:${scope.partition}:elasticloadbalancing:${scope.region}:${scope.account}:${resource}`;
    const ec2 = (resource: string) => `arn:${scope.partition}:ec2:${scope.region}:${scope.account}:${resource}`;
    const securityGroups = ec2("security-group/*");
    const loadBalancers = [elb("loadbalancer/app/*/*"), elb("loadbalancer/net/*/*")];
    const targetGroups = elb("targetgroup/*/*");
    const listeners = [elb("listener/app/*/*/*"), elb("listener/net/*/*/*")];
    const listenerRules = [elb("listener-rule/app/*/*/*/*"), elb("listener-rule/net/*/*/*/*")];
    const clusterTag = "elbv2.k8s.aws/cluster";
    const requestTaggedForCluster = { StringEquals: { [`aws:RequestTag/${clusterTag}`]: scope.clusterName } };
    const taggedForCluster = { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: scope.clusterName } };
    const keepsClusterTag = {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: scope.clusterName },
        Null: { [`aws:RequestTag/${clusterTag}`]: "true" },
    };

    const statements: PolicyStatement[] = [
        {
            Sid: "ElbServiceLinkedRole",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: `arn:${scope.partition}:iam::${scope.account}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
            Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
        },
        {
            Sid: "Describe",
            Effect: "Allow",
            Action: [
                "ec2:DescribeAccountAttributes",
                "ec2:DescribeAddresses",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInternetGateways",
                "ec2:DescribeVpcs",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeTags",
                "ec2:GetCoipPoolUsage",
                "ec2:DescribeCoipPools",
                "ec2:GetSecurityGroupsForVpc",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeListenerCertificates",
                "elasticloadbalancing:DescribeSSLPolicies",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTrustStores",
                "elasticloadbalancing:DescribeListenerAttributes",
                "elasticloadbalancing:DescribeCapacityReservation",
                "cognito-idp:DescribeUserPoolClient",
                "acm:ListCertificates",
                "acm:DescribeCertificate",
                "iam:ListServerCertificates",
                "iam:GetServerCertificate",
            ],
            Resource: "*",
        },
        {
            Sid: "SecurityGroupRulesInClusterVpc",
            Effect: "Allow",
            Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
            Resource: securityGroups,
            Condition: { ArnEquals: { "ec2:Vpc": ec2(`vpc/${scope.vpcId}`) } },
        },
        { Sid: "CreateSecurityGroupsInClusterVpc", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: ec2(`vpc/${scope.vpcId}`) },
        { Sid: "CreateTaggedSecurityGroups", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: securityGroups, Condition: requestTaggedForCluster },
        {
            Sid: "TagSecurityGroupsOnCreate",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: securityGroups,
            Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup", [`aws:RequestTag/${clusterTag}`]: scope.clusterName } },
        },
        { Sid: "RetagOwnSecurityGroups", Effect: "Allow", Action: ["ec2:CreateTags", "ec2:DeleteTags"], Resource: securityGroups, Condition: keepsClusterTag },
        { Sid: "DeleteOwnSecurityGroups", Effect: "Allow", Action: "ec2:DeleteSecurityGroup", Resource: securityGroups, Condition: taggedForCluster },
        {
            Sid: "CreateTaggedLoadBalancers",
            Effect: "Allow",
            Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
            Resource: [...loadBalancers, targetGroups],
            Condition: requestTaggedForCluster,
        },
        {
            Sid: "TagLoadBalancersOnCreate",
            Effect: "Allow",
            Action: "elasticloadbalancing:AddTags",
            Resource: [...loadBalancers, targetGroups],
            Condition: {
                StringEquals: {
                    "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
                    [`aws:RequestTag/${clusterTag}`]: scope.clusterName,
                },
            },
        },
        {
            Sid: "RetagOwnLoadBalancers",
            Effect: "Allow",
            Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
            Resource: [...loadBalancers, targetGroups],
            Condition: keepsClusterTag,
        },
        {
            Sid: "ChangeOwnLoadBalancers",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:ModifyCapacityReservation",
                "elasticloadbalancing:ModifyIpPools",
            ],
            Resource: [...loadBalancers, targetGroups, ...listeners],
            Condition: taggedForCluster,
        },
        { Sid: "AddListenersToOwnLoadBalancers", Effect: "Allow", Action: "elasticloadbalancing:CreateListener", Resource: loadBalancers, Condition: taggedForCluster },
        {
            Sid: "ManageListeners",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:CreateRule",
            ],
            Resource: listeners,
        },
        { Sid: "ManageRules", Effect: "Allow", Action: ["elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule"], Resource: listenerRules },
        {
            Sid: "TagListenersAndRules",
            Effect: "Allow",
            Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
            Resource: [...listeners, ...listenerRules],
        },
        {
            Sid: "RegisterTargets",
            Effect: "Allow",
            Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
            Resource: targetGroups,
        },
    ];
    return { Version: "2012-10-17", Statement: statements };
}
