import { PolicyPack } from "@pulumi/policy";
import { auditLogPolicies } from "./audit-logs";
import { backupPolicies } from "./backups";
import { blockStoragePolicies } from "./block-storage";
import { cloudFrontPolicies } from "./cloudfront";
import { costPolicies } from "./cost";
import { databasePolicies } from "./databases";
import { ec2Policies } from "./ec2";
import { ecrPolicies } from "./ecr";
import { ecsPolicies } from "./ecs";
import { eksPolicies } from "./eks";
import { iamPolicies } from "./iam";
import { iamWritePolicies } from "./iam-writes";
import { instanceTypePolicies } from "./instance-types";
import { kubernetesPolicies } from "./kubernetes";
import { networkPolicies } from "./network";
import { s3LifecyclePolicies } from "./s3-lifecycle";
import { storagePolicies } from "./storage";
import { tagPolicies } from "./tags";

new PolicyPack("platform-guardrails", {
    policies: [
        ...tagPolicies,
        ...storagePolicies,
        ...s3LifecyclePolicies,
        ...iamPolicies,
        ...iamWritePolicies,
        ...auditLogPolicies,
        ...networkPolicies,
        ...ec2Policies,
        ...cloudFrontPolicies,
        ...eksPolicies,
        ...costPolicies,
        ...instanceTypePolicies,
        ...databasePolicies,
        ...backupPolicies,
        ...blockStoragePolicies,
        ...kubernetesPolicies,
        ...ecrPolicies,
        ...ecsPolicies,
    ],
});
