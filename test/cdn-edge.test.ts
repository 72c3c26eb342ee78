import { expect } from "chai";
import * as path from "path";
import { named, ofType, previewStack, providerOf } from "./helpers/preview";

const root = path.join(__dirname, "fixtures", "cdn-edge-component");
const run = (scenario: string) => previewStack("test", { root, policyPack: false, configOverrides: { "cdn-edge-component-fixture:scenario": scenario } });

describe("CdnEdge component", () => {
    it("creates only the shared security-headers policy, in us-east-1, by default", async () => {
        const result = await run("defaults");
        expect(result.error).to.equal(undefined);
        const headers = named(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "edge-security-headers");
        expect(providerOf(result, headers)!.inputs.region).to.equal("us-east-1");
        expect(headers.inputs.securityHeadersConfig).to.deep.equal({
            strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: "DENY", override: true },
            referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        });
        expect(ofType(result, "aws:wafv2/webAcl:WebAcl")).to.deep.equal([]);
        expect(result.outputs).to.deep.equal({ responseHeadersPolicyId: headers.id });
    });

    it("adds a CloudFront-scoped web ACL in us-east-1 with the given rate limit when asked", async () => {
        const result = await run("web-acl");
        const webAcl = named(result, "aws:wafv2/webAcl:WebAcl", "edge-web-acl");
        expect(providerOf(result, webAcl)!.inputs.region).to.equal("us-east-1");
        expect(webAcl.inputs.scope).to.equal("CLOUDFRONT");
        expect(webAcl.inputs.rules[0].statement).to.deep.equal({ rateBasedStatement: { limit: 500, aggregateKeyType: "IP", evaluationWindowSec: 300 } });
        expect(webAcl.inputs.rules.map((rule: { name: string }) => rule.name)).to.deep.equal(["rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]);
        expect(result.outputs.webAclArn).to.equal(webAcl.outputs.arn);
    });

    it("refuses every bad argument in one error, registering nothing, not even itself", async () => {
        const result = await run("invalid");
        expect(result.error?.split("\n")).to.deep.equal([
            'CdnEdge "edge": invalid arguments:',
            "  requestsPerFiveMinutes: found 5; expected a whole number from 10 to 2000000000",
            '  webAcl: found "yes"; expected true or false',
        ]);
        expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:"))).to.deep.equal([]);
    });
});
