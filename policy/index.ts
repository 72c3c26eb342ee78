import { PolicyPack } from "@pulumi/policy";
import { costPolicies } from "./cost";
import { securityPolicies } from "./security";
import { storagePolicies } from "./storage";
import { tagPolicies } from "./tags";

new PolicyPack("platform-guardrails", {
    policies: [...tagPolicies, ...storagePolicies, ...securityPolicies, ...costPolicies],
});
