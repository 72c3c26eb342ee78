import { PolicyPack } from "@pulumi/policy";
import { cloudFrontPolicies } from "./cloudfront";
import { costPolicies } from "./cost";
import { ec2Policies } from "./ec2";
import { eksPolicies } from "./eks";
import { iamPolicies } from "./iam";
import { networkPolicies } from "./network";
import { storagePolicies } from "./storage";
import { tagPolicies } from "./tags";

new PolicyPack("platform-guardrails", {
    policies: [...tagPolicies, ...storagePolicies, ...iamPolicies, ...networkPolicies, ...ec2Policies, ...cloudFrontPolicies, ...eksPolicies, ...costPolicies],
});
