import { PolicyPack } from "@pulumi/policy";
import { tagPolicies } from "./tags";

new PolicyPack("platform-guardrails", {
    policies: [...tagPolicies],
});
