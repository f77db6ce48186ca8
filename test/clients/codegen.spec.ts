import { preset } from "@graphql-codegen/client-preset";
import { codegen } from "@graphql-codegen/core";
import { buildSchema, parse, printSchema } from "graphql";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { operationFiles } from "./client-support";

const REPO = path.resolve(__dirname, "../..");

/**
 * What a front-end team does: graphql-codegen's client preset over the committed schema and the
 * operations the real clients run, then tsc over the generated types and code that uses them.
 */
async function generate(outDir: string): Promise<void> {
  const schemaAst = buildSchema(readFileSync(path.join(REPO, "schema.graphql"), "utf8"));
  const documents = operationFiles().map((location) => {
    const rawSDL = readFileSync(location, "utf8");
    return { location, rawSDL, document: parse(rawSDL) };
  });
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: `${outDir}/gql/`,
    schema: parse(printSchema(schemaAst)),
    schemaAst,
    documents,
    plugins: [],
    pluginMap: {},
    config: {},
    presetConfig: { fragmentMasking: false },
  });
  for (const section of sections) {
    mkdirSync(path.dirname(section.filename), { recursive: true });
    writeFileSync(section.filename, await codegen(section));
  }
}

/** Code a client would write over the generated types; the @ts-expect-error lines prove they are not `any`. */
const CONSUMER = `
import type { ResultOf, VariablesOf } from "@graphql-typed-document-node/core";
import { LoginDocument, MeDocument } from "./gql/graphql";
import type { MeQuery, ServiceCasesPageQuery, ServiceCasesPageQueryVariables, ServiceStep } from "./gql/graphql";

export const nextPage: ServiceCasesPageQueryVariables = { first: 3, after: "cursor", step: "ARCHIVED" };
export const clientNames = (data: ServiceCasesPageQuery): string[] => data.serviceCases.edges.map((edge) => edge.node.client.name);
export const endCursor = (data: ServiceCasesPageQuery): string | null => data.serviceCases.pageInfo.endCursor;
export const token = (data: ResultOf<typeof LoginDocument>): string => data.login.token;
export const tenantCode = (data: ResultOf<typeof MeDocument>): string => data.me.tenant.code;
export const credentials: VariablesOf<typeof LoginDocument> = { email: "president@cn.demo", password: "demo-password" };
// @ts-expect-error the schema has no such step
export const unknownStep: ServiceStep = "CLOSED";
// @ts-expect-error a result holds only the fields its operation selects
export const unselected = (data: MeQuery) => data.me.user.nickname;
// @ts-expect-error login needs its password
export const halfCredentials: VariablesOf<typeof LoginDocument> = { email: "president@cn.demo" };
`;

/** Strict tsc over the output; its packages (the typed-document-node types) resolve from this repository. */
function tsconfig(): string {
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    types: [],
    baseUrl: REPO,
    paths: { "*": ["node_modules/*"] },
  };
  return JSON.stringify({ compilerOptions, include: ["./**/*.ts"] });
}

it("the client preset's types for the real clients' operations type-check, over the committed schema", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "link-pass-codegen-"));
  try {
    await generate(dir);
    writeFileSync(path.join(dir, "consumer.ts"), CONSUMER);
    writeFileSync(path.join(dir, "tsconfig.json"), tsconfig());
    const tsc = await promisify(execFile)(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", dir]).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(tsc).toBe("");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
