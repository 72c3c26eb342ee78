import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const compileCache = path.join(__dirname, "..", "engine", "compile-cache.js");

describe("engine compile cache", () => {
    let directory: string;
    let cacheDirectory: string;
    let moduleFile: string;

    beforeEach(() => {
        directory = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-"));
        cacheDirectory = path.join(directory, "cache");
        moduleFile = path.join(directory, "answer.js");
    });

    afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

    /** Loads the module in a fresh process with the cache installed; `key` stands in for a transpilation key. */
    async function load(key?: string): Promise<string> {
        const script = `
            require(${JSON.stringify(compileCache)}).installCompileCache(${JSON.stringify(cacheDirectory)}, () => ${JSON.stringify(key)});
            console.log(require(${JSON.stringify(moduleFile)}).answer());`;
        return (await promisify(execFile)(process.execPath, ["-e", script], { cwd: directory })).stdout.trim();
    }

    const cacheFiles = () => (fs.existsSync(cacheDirectory) ? fs.readdirSync(cacheDirectory).map((name) => path.join(cacheDirectory, name)) : []);

    it("writes compiled code once, then starts from it without writing again", async () => {
        fs.writeFileSync(moduleFile, "exports.answer = () => 'first';");
        expect(await load()).to.equal("first");
        const [cache] = cacheFiles();
        expect(cache, "cache file").to.not.equal(undefined);
        const written = fs.statSync(cache).mtimeMs;

        expect(await load()).to.equal("first");
        expect(fs.statSync(cache).mtimeMs).to.equal(written);
    });

    it("compiles a changed file afresh, even at the same length", async () => {
        fs.writeFileSync(moduleFile, "exports.answer = () => 'first';");
        expect(await load()).to.equal("first");
        fs.writeFileSync(moduleFile, "exports.answer = () => 'other';");
        const later = new Date(Date.now() + 5_000);
        fs.utimesSync(moduleFile, later, later);
        expect(await load()).to.equal("other");
    });

    it("compiles afresh when the source key changes though the file did not (re-transpiled TypeScript)", async () => {
        fs.writeFileSync(moduleFile, "exports.answer = () => 'first';");
        expect(await load("transpiled-1")).to.equal("first");
        const [cache] = cacheFiles();
        const written = fs.readFileSync(cache);
        expect(await load("transpiled-2")).to.equal("first");
        expect(fs.readFileSync(cache).equals(written), "cache rewritten for the new key").to.equal(false);
    });
});
