"use strict";
// V8 code cache for every CommonJS module the engine loads: a preview loads about 1,500 modules of
// provider SDKs, and compiling them is much of its start-up. A module compiled without a usable
// cache entry gets one when the process exits (with the functions it ran by then); one that had an
// entry costs nothing more. Entries are keyed by what the source came from, so a changed file, or
// TypeScript transpiled differently, is compiled afresh.
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

/**
 * One cache file per entry point (the main script, or the working directory of `node -e`): the
 * preview, the tests and the policy pack load different modules and exit at different times.
 */
function cacheFile(directory) {
    const entry = process.argv[1] ? path.resolve(process.argv[1]) : `eval:${process.cwd()}`;
    const name = crypto.createHash("sha1").update(`${process.version}\0${process.arch}\0${entry}`).digest("hex");
    return path.join(directory, `${name}.bin`);
}

/** The file holds a 4-byte index length, the index as JSON ({ filename: [key, start, end] }), then the code. */
function readCache(file) {
    try {
        const data = fs.readFileSync(file);
        const indexLength = data.readUInt32BE(0);
        return { index: JSON.parse(data.subarray(4, 4 + indexLength).toString("utf8")), code: data.subarray(4 + indexLength) };
    } catch {
        return { index: {}, code: Buffer.alloc(0) };
    }
}

function writeCache(file, entries) {
    const index = {};
    const parts = [];
    let offset = 0;
    for (const [filename, { key, data }] of entries) {
        index[filename] = [key, offset, offset + data.length];
        parts.push(data);
        offset += data.length;
    }
    const indexBytes = Buffer.from(JSON.stringify(index), "utf8");
    const header = Buffer.alloc(4);
    header.writeUInt32BE(indexBytes.length, 0);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole and renamed, so a concurrent reader sees the old file or the new one.
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.concat([header, indexBytes, ...parts]));
    fs.renameSync(temporary, file);
}

/**
 * Installs the cache. `sourceKey(filename)` may name a source whose compiled text is not the
 * file's own (transpiled TypeScript); other files are keyed by size and modification time.
 */
function installCompileCache(directory, sourceKey) {
    const file = cacheFile(directory);
    const { index, code } = readCache(file);
    const entries = new Map();
    const compiledWithoutCache = new Map();
    const compile = Module.prototype._compile;

    Module.prototype._compile = function compileWithCache(content, filename) {
        let key = sourceKey(filename);
        if (key === undefined) {
            // `node -e` code and other sources without a file of their own are compiled as usual.
            const stat = path.isAbsolute(filename) ? fs.statSync(filename, { throwIfNoEntry: false }) : undefined;
            if (!stat) {
                return compile.call(this, content, filename);
            }
            key = `${stat.size}:${stat.mtimeMs}`;
        }
        const cached = index[filename];
        const cachedData = cached && cached[0] === key ? code.subarray(cached[1], cached[2]) : undefined;
        const script = new vm.Script(Module.wrap(content), { filename, cachedData });
        if (cachedData && !script.cachedDataRejected) {
            entries.set(filename, { key, data: cachedData });
        } else {
            compiledWithoutCache.set(filename, { key, script });
        }
        const module = this;
        const require = (id) => module.require(id);
        require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
        require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
        require.main = process.mainModule;
        require.extensions = Module._extensions;
        require.cache = Module._cache;
        const wrapper = script.runInThisContext({ displayErrors: true });
        return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
    };

    process.once("exit", () => {
        if (compiledWithoutCache.size === 0) {
            return;
        }
        for (const [filename, { key, script }] of compiledWithoutCache) {
            entries.set(filename, { key, data: script.createCachedData() });
        }
        try {
            writeCache(file, entries);
        } catch {
            // A cache that cannot be written only means the next start compiles again.
        }
    });
}

module.exports = { installCompileCache };
