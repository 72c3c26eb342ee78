"use strict";
// Transpile-only TypeScript loader for the offline engine, tests and benchmarks.
// Type checking belongs to `npm run typecheck` (tsc --noEmit); doing it here would make every
// preview pay for a full compile, which is what the preview-speed budget rules out.
const fs = require("fs");
const { transformSync } = require("esbuild");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = transformSync(source, {
        loader: "ts",
        format: "cjs",
        target: "node20",
        sourcefile: filename,
        sourcemap: "inline",
    });
    module._compile(code, filename);
};
process.setSourceMapsEnabled(true);
