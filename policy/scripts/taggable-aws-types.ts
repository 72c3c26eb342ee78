// Regenerates policy/taggable-aws-types.json from the installed @pulumi/aws SDK: a resource type
// is taggable when its class declares the `tagsAll` output, i.e. when the provider applies
// `defaultTags` to it. Run after upgrading @pulumi/aws: `npm run generate:taggable -w policy`.
import * as fs from "fs";
import * as path from "path";

const sdkRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
const types: string[] = [];

function scan(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "types") {
            scan(file);
        } else if (entry.name.endsWith(".js")) {
            const source = fs.readFileSync(file, "utf8");
            const token = /static __pulumiType = '([^']+)'/.exec(source)?.[1];
            if (token && source.includes('resourceInputs["tagsAll"]')) {
                types.push(token);
            }
        }
    }
}

scan(sdkRoot);
const version = JSON.parse(fs.readFileSync(path.join(sdkRoot, "package.json"), "utf8")).version;
const out = path.join(__dirname, "..", "taggable-aws-types.json");
fs.writeFileSync(out, `${JSON.stringify({ awsSdkVersion: version, types: [...new Set(types)].sort() }, null, 1)}\n`);
console.log(`${types.length} taggable types from @pulumi/aws ${version} -> ${out}`);
