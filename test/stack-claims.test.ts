import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../engine/preview";
import { previewStack } from "./helpers/preview";

/**
 * A project directory holding this repository's program and Pulumi.prod.yaml, plus `copies`:
 * further stack files made from prod's text by the given replacements, as an operator copies a stack.
 */
function projectWithCopies(copies: Record<string, [string, string][]>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-claims-"));
    fs.copyFileSync(path.join(repositoryRoot, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ main: path.join(repositoryRoot, "stacks", "index.ts") }));
    const prod = fs.readFileSync(path.join(repositoryRoot, "Pulumi.prod.yaml"), "utf8");
    fs.writeFileSync(path.join(root, "Pulumi.prod.yaml"), prod);
    for (const [stack, replacements] of Object.entries(copies)) {
        const text = replacements.reduce((copy, [from, to]) => {
            expect(copy, `Pulumi.prod.yaml holds ${from}`).to.include(from);
            return copy.split(from).join(to);
        }, prod);
        fs.writeFileSync(path.join(root, `Pulumi.${stack}.yaml`), text);
    }
    return root;
}

describe("globally unique names across the stacks of a project", () => {
    const roots: string[] = [];
    after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
    const project = (copies: Record<string, [string, string][]>) => {
        const root = projectWithCopies(copies);
        roots.push(root);
        return root;
    };

    it("fails a stack copied from prod with only primaryRegion changed, one line per name, before registering anything", async () => {
        const root = project({ "prod-west": [["platform:primaryRegion: eu-central-1", "platform:primaryRegion: eu-west-1"]] });
        const clash = (key: string, name: string, other: string, self = "Pulumi.prod-west.yaml") =>
            `${key}: found "${name}" in ${self}, which ${other} claims too (${key}); expected a ${key.endsWith("bucketName") ? "bucket name" : "hostname"} of this stack's own: S3 bucket names and public hostnames are global`;
        const expected = (self: string, other: string) => [
            clash("platform:frontend.dnsEntry", "app.platform.example.com", other, self),
            clash("platform:tenants[0].cdnDomain", "acme.cdn.platform.example.com", other, self),
            clash("platform:tenants[1].cdnDomain", "globex.cdn.platform.example.com", other, self),
            clash("platform:tenants[2].cdnDomain", "hooli.cdn.platform.example.com", other, self),
            clash("platform:tenants[3].cdnDomain", "initech.cdn.platform.example.com", other, self),
            clash("platform:ingress.sampleHosts.eks", "hello.eks.platform.example.com", other, self),
            clash("platform:ingress.sampleHosts.sks", "hello-sks.platform.example.com", other, self),
            clash("platform:fargate.hostname", "shop.eks.platform.example.com", other, self),
            clash("platform:frontend.bucketName", "platform-example-frontend", other, self),
        ];
        for (const [stack, other] of [["prod-west", "Pulumi.prod.yaml"], ["prod", "Pulumi.prod-west.yaml"]]) {
            const result = await previewStack(stack, { root, policyPack: false });
            expect(result.resources.map((resource) => resource.type), stack).to.deep.equal(["pulumi:pulumi:Stack"]);
            expect(result.error?.split("\n").slice(1).map((line) => line.trim()), stack).to.deep.equal(expected(`Pulumi.${stack}.yaml`, other));
        }
    });

    it("previews the copy once the keys the README lists have values of its own", async () => {
        const root = project({
            "prod-west": [
                ["platform:primaryRegion: eu-central-1", "platform:primaryRegion: eu-west-1"],
                ["bucketName: platform-example-frontend", "bucketName: platform-example-frontend-west"],
                ["platform.example.com", "west.platform.example.com"],
            ],
        });
        const result = await previewStack("prod-west", { root, policyPack: false });
        expect(result.error).to.equal(undefined);
    });

    it("names the line and column of a sibling stack file it cannot read", async () => {
        const root = project({});
        fs.writeFileSync(path.join(root, "Pulumi.broken.yaml"), "config:\n  platform:domain: [unclosed\n");
        const result = await previewStack("prod", { root, policyPack: false });
        expect(result.error?.split("\n").slice(1).map((line) => line.trim())).to.deep.equal([
            "Pulumi.broken.yaml:3:1: unexpected end of the stream within a flow collection (read to check that Pulumi.prod.yaml claims no name it claims)",
        ]);
    });
});
