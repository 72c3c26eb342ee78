import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { lookupOnce } from "../components/lookups";
import { previewOnce } from "./helpers/preview";

describe("provider lookups", () => {
    it("prod asks no provider the same question twice, however many tenants share a region", async () => {
        const result = await previewOnce("prod");
        const questions = result.invokes.map((invoke) => `${invoke.token} ${invoke.provider} ${JSON.stringify(invoke.args)}`);
        const repeated = questions.filter((question, index) => questions.indexOf(question) !== index);
        expect(repeated).to.deep.equal([]);
        // globex and hooli share eu-west-3: one account lookup there, one per other tenant region.
        const accountLookups = result.invokes.filter((invoke) => invoke.token === "aws:index/getCallerIdentity:getCallerIdentity");
        expect(accountLookups.map((invoke) => invoke.provider!.split("::")[3]).sort()).to.deep.equal(["aws-eu-central-1", "aws-eu-north-1", "aws-eu-west-3"]);
    });

    describe("lookupOnce", () => {
        const token = "aws:index/getPartition:getPartition";
        const provider = (label: string) => ({ label }) as unknown as pulumi.ProviderResource;
        const counting = () => {
            let calls = 0;
            return { lookup: () => ++calls, calls: () => calls };
        };

        it("answers a provider's repeated question from the first lookup", () => {
            const { lookup, calls } = counting();
            const aws = provider("aws");
            expect([lookupOnce(token, {}, { provider: aws }, lookup), lookupOnce(token, {}, { provider: aws }, lookup)]).to.deep.equal([1, 1]);
            expect(calls()).to.equal(1);
        });

        it("asks again for other arguments or another provider", () => {
            const { lookup, calls } = counting();
            const aws = provider("aws");
            lookupOnce(token, { a: 1 }, { provider: aws }, lookup);
            lookupOnce(token, { a: 2 }, { provider: aws }, lookup);
            lookupOnce(token, { a: 1 }, { provider: provider("other") }, lookup);
            expect(calls()).to.equal(3);
        });

        it("uses the provider a parent hands down, and runs every time when there is none", () => {
            const { lookup, calls } = counting();
            const aws = provider("aws");
            const parent = (handed?: pulumi.ProviderResource) => ({ getProvider: () => handed }) as unknown as pulumi.Resource;
            lookupOnce(token, {}, { parent: parent(aws) }, lookup);
            lookupOnce(token, {}, { provider: aws }, lookup);
            expect(calls()).to.equal(1);
            lookupOnce(token, {}, { parent: parent(undefined) }, lookup);
            lookupOnce(token, {}, {}, lookup);
            expect(calls()).to.equal(3);
        });

        it("runs a lookup that waits on dependsOn every time", () => {
            const { lookup, calls } = counting();
            const aws = provider("aws");
            lookupOnce(token, {}, { provider: aws }, lookup);
            lookupOnce(token, {}, { provider: aws, dependsOn: [] }, lookup);
            expect(calls()).to.equal(2);
        });
    });
});
