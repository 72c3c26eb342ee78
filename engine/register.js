"use strict";
// The loader of the offline engine, tests and benchmarks: transpile-only TypeScript, a V8 code
// cache, stack traces mapped to the TypeScript sources, and SDK modules deferred until used.
// Type checking belongs to `npm run typecheck` (tsc --noEmit); doing it here would make every
// preview pay for a full compile, which is what the preview-speed budget rules out. Transpiled
// output is cached on disk by content hash, so an unchanged file never reaches esbuild again.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const cacheDir = path.join(__dirname, "..", "node_modules", ".cache", "platform-engine");

const sourceMaps = new Map();
/** Transpiled files by the key of their transpilation, which also keys their compiled code. */
const transpileKeys = new Map();
require("./compile-cache").installCompileCache(path.join(cacheDir, "v8"), (filename) => transpileKeys.get(filename));
// `import()` becomes `require()`, so lazily imported modules also pass through this loader.
const transformOptions = { loader: "ts", format: "cjs", target: "node20", sourcemap: "external", supported: { "dynamic-import": false } };
const esbuildVersion = require("esbuild/package.json").version;
let esbuild;

function transpile(filename, source) {
    const key = crypto.createHash("sha1").update(`${esbuildVersion}\0${JSON.stringify(transformOptions)}\0${filename}\0${source}`).digest("hex");
    transpileKeys.set(filename, key);
    const cached = path.join(cacheDir, key);
    try {
        return JSON.parse(fs.readFileSync(cached, "utf8"));
    } catch {
        esbuild ??= require("esbuild");
        const { code, map } = esbuild.transformSync(source, { ...transformOptions, sourcefile: filename });
        fs.mkdirSync(cacheDir, { recursive: true });
        fs.writeFileSync(`${cached}.${process.pid}`, JSON.stringify({ code, map }));
        fs.renameSync(`${cached}.${process.pid}`, cached);
        return { code, map };
    }
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const { code, map } = transpile(filename, fs.readFileSync(filename, "utf8"));
    sourceMaps.set(filename, map);
    module._compile(code, filename);
};

// Stack traces of errors point into the TypeScript sources, using only this loader's maps (Node's
// own source-map support would parse the map of every installed SDK file). The Pulumi SDK also
// formats a stack for every promise and resource it creates, for leak reports and source
// positions that an offline preview never shows; formatting those dominated the program run, so
// those message-less traces taken inside the SDK stay unformatted. Real errors keep their frames.
const sdkDirectory = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + path.sep;
require("source-map-support").install({
    environment: "node",
    handleUncaughtExceptions: false,
    overrideRetrieveSourceMap: true,
    retrieveSourceMap: (source) => (sourceMaps.has(source) ? { url: source, map: sourceMaps.get(source) } : null),
});
const mappedStackTrace = Error.prepareStackTrace;
const isSdkBookkeeping = (error, frames) => error?.message === "" && frames[0]?.getFileName()?.startsWith(sdkDirectory);
Error.prepareStackTrace = (error, frames) => (isSdkBookkeeping(error, frames) ? String(error) : mappedStackTrace(error, frames));

// Importing @pulumi/pulumi loads TypeScript and npm's Arborist (with pacote and sigstore) for one
// feature: serializing JavaScript functions into code packages, as `aws.lambda.CallbackFunction`
// does. That is half of the time it takes to load all the provider SDKs, and no stack of this
// project serializes a function. The SDK's closure modules get stand-ins that load the real module
// on first use, so a program that does serialize a function still works and pays for them then.
const Module = require("module");
const closureDirectory = path.join(sdkDirectory, "runtime", "closure") + path.sep;
const deferredClosureModules = new Set(["../../typescript-shim", "@npmcli/arborist"]);
const loadModule = Module._load;

function deferredModule(load) {
    let loaded;
    const real = () => (loaded ??= load());
    // `__esModule` lets TypeScript's `import * as` helper take the stand-in as it is, instead of
    // copying (and so loading) every export up front.
    return new Proxy(function deferred() {}, {
        get: (_, key) => (key === "__esModule" && loaded === undefined ? true : Reflect.get(real(), key)),
        has: (_, key) => Reflect.has(real(), key),
        apply: (_, self, args) => Reflect.apply(real(), self, args),
        construct: (_, args) => Reflect.construct(real(), args),
    });
}

Module._load = function loadDeferringClosureModules(request, parent, isMain) {
    if (deferredClosureModules.has(request) && parent?.filename?.startsWith(closureDirectory)) {
        return deferredModule(() => loadModule.call(this, request, parent, isMain));
    }
    return loadModule.call(this, request, parent, isMain);
};
