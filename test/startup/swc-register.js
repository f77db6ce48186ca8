// Lets a plain `node` process run the TypeScript sources, compiled by swc as jest compiles them:
//   node --require ./test/startup/swc-register.js src/main.ts
const { readFileSync } = require("node:fs");
const { transformSync } = require("@swc/core");
const [, swcOptions] = require("../../jest.config.js").transform["^.+\\.(t|j|mj)s$"];

require.extensions[".ts"] = (module, filename) => {
  module._compile(transformSync(readFileSync(filename, "utf8"), { ...swcOptions, filename }).code, filename);
};
