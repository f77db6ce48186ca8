import { createHash } from "node:crypto";
import pino from "pino";
import { RunningApp, appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { TestDatabase, createTestDatabase } from "./support/test-database";

/**
 * The error model of docs/errors.md, code by code, as a client meets it over HTTP: the status,
 * and `extensions` holding exactly the documented keys. The server logs into `logLines`.
 */
let database: TestDatabase;
let app: RunningApp;
const logLines: { level: number; msg: string; errors?: string[] }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: database.url, SEED_DEMO_DATA: "false", LOG_LEVEL: "info" }, appModules().settings);
  app = await startApp(config, pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) }));
});
afterAll(async () => {
  await app.stop();
  await database.drop();
});

interface Answer {
  status: number;
  errors: { message: string; extensions: Record<string, unknown> }[];
  data?: unknown;
}

async function post(body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, "status">) };
}

const tokens = new Map<string, string>();
async function login(email: string): Promise<string> {
  if (!tokens.has(email)) {
    const answer = await post({ query: `mutation { login(email: "${email}", password: "${DEMO_PASSWORD}") { token } }` });
    tokens.set(email, (answer.data as { login: { token: string } }).login.token);
  }
  return tokens.get(email)!;
}

const ask = async (query: string, email?: string, variables: Record<string, unknown> = {}) =>
  post({ query, variables }, email ? await login(email) : undefined);

/** The answer's one error: its HTTP status, code and the extension keys beside the code. */
function theError(answer: Answer) {
  expect(answer.errors).toHaveLength(1);
  const { code, ...rest } = answer.errors[0].extensions;
  return { status: answer.status, code, extensions: rest };
}

const cursor = (key: unknown) => Buffer.from(typeof key === "string" ? key : JSON.stringify(key)).toString("base64url");
const A_UUID = "00000000-0000-4000-8000-000000000000";

describe("error model (docs/errors.md)", () => {
  it("UNAUTHENTICATED: HTTP 200, no other extension", async () => {
    expect(theError(await ask("{ me { user { id } } }"))).toEqual({ status: 200, code: "UNAUTHENTICATED", extensions: {} });
  });

  it("FORBIDDEN: HTTP 200, no other extension", async () => {
    const answer = await ask(`mutation { createClient(input: { name: "Audited" }) { id } }`, "auditor@hq.demo");
    expect(theError(answer)).toEqual({ status: 200, code: "FORBIDDEN", extensions: {} });
  });

  it("NOT_FOUND: HTTP 200, no other extension", async () => {
    const answer = await ask(`mutation { revokeGrant(id: "${A_UUID}", reason: "Gone") { id } }`, "president@cn.demo");
    expect(theError(answer)).toEqual({ status: 200, code: "NOT_FOUND", extensions: {} });
  });

  it("CONFLICT: HTTP 200, with the facts of the refusal", async () => {
    const { rows } = await database.owner.query("SELECT id FROM service_cases WHERE step = 'INTAKE' AND tenant_id = (SELECT id FROM tenants WHERE code = 'CN-SH') LIMIT 1");
    const answer = await ask(`mutation { advanceServiceCase(id: "${rows[0].id}", to: ARCHIVED) { id } }`, "staff@cn-sh.demo");
    expect(theError(answer)).toEqual({ status: 200, code: "CONFLICT", extensions: { from: "INTAKE", to: "ARCHIVED", allowed: expect.any(Array) } });
  });

  describe("BAD_USER_INPUT: HTTP 400, extensions.fields always a list of { field, message }", () => {
    it("an argument a service refuses names that argument", async () => {
      expect(theError(await ask(`{ client(id: "not-an-id") { id } }`, "staff@cn-sh.demo"))).toEqual({
        status: 400,
        code: "BAD_USER_INPUT",
        extensions: { fields: [{ field: "id", message: "id is not a valid id" }] },
      });
    });

    it("an input field validation refuses names that field, once per broken rule", async () => {
      const answer = await ask(`mutation($input: CreateClientInput!) { createClient(input: $input) { id } }`, "staff@cn-sh.demo", {
        input: { name: "Valid", contactEmail: "nope" },
      });
      expect(theError(answer)).toEqual({
        status: 400,
        code: "BAD_USER_INPUT",
        extensions: { fields: [{ field: "contactEmail", message: expect.stringContaining("contactEmail") }] },
      });
    });

    it("a variable graphql-js cannot coerce carries an empty list", async () => {
      const answer = await ask(`query($first: Int) { clients(first: $first) { totalCount } }`, "staff@cn-sh.demo", { first: "many" });
      expect(theError(answer)).toEqual({ status: 400, code: "BAD_USER_INPUT", extensions: { fields: [] } });
    });

    it("a bad x-tenant-id header carries an empty list", async () => {
      const answer = await post({ query: "{ me { user { id } } }" }, await login("staff@cn-sh.demo"), { "x-tenant-id": "not a tenant!" });
      expect(theError(answer)).toEqual({ status: 400, code: "BAD_USER_INPUT", extensions: { fields: [] } });
    });

    it.each([
      ["bad base64", "%%%"],
      ["bad JSON", cursor("[not json")],
      ["a timestamp past year 9999", cursor(["275760-09-13T00:00:00.000Z", A_UUID])],
      ["a timestamp on no calendar day", cursor(["2026-02-30T00:00:00.000000Z", A_UUID])],
      ["a bare date for a timestamp", cursor(["275760-09-13", A_UUID])],
      ["the wrong arity", cursor(["2026-01-01T00:00:00.000000Z"])],
      ["a bad uuid", cursor(["2026-01-01T00:00:00.000000Z", "not-a-uuid"])],
      ["a number for a string", cursor([1767225600000, A_UUID])],
    ])("a forged cursor (%s) names `after`, and is logged as the client's error", async (_label, after) => {
      logLines.length = 0;
      const answer = await ask(`query($after: String) { clients(first: 1, after: $after) { totalCount } }`, "staff@cn-sh.demo", { after });
      expect(theError(answer)).toEqual({ status: 400, code: "BAD_USER_INPUT", extensions: { fields: [{ field: "after", message: "after is not a valid cursor" }] } });
      expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
      expect(logLines.find((line) => line.msg === "graphql request")).toMatchObject({ level: 30, errors: ["BAD_USER_INPUT"] });
    });

    it.each([
      ["tenants", ["/not-a-path/"]],
      ["auditLog", ["99999999999999999999"]],
      ["overdueTasks", ["2026-13-01", A_UUID]],
    ])("a forged cursor of %s's own key kind is refused alike", async (field, key) => {
      const answer = await ask(`query($after: String) { ${field}(first: 1, after: $after) { totalCount } }`, "president@hq.demo", { after: cursor(key) });
      expect(theError(answer)).toMatchObject({ status: 400, code: "BAD_USER_INPUT", extensions: { fields: [{ field: "after" }] } });
    });

    it("a CSV report's bad filter has the same shape, HTTP 400", async () => {
      const response = await fetch(`http://127.0.0.1:${app.port}/reports/network-report.csv?from=yesterday`, {
        headers: { authorization: `Bearer ${await login("president@hq.demo")}` },
      });
      const body = (await response.json()) as Answer;
      expect(theError({ ...body, status: response.status })).toEqual({
        status: 400,
        code: "BAD_USER_INPUT",
        extensions: { fields: [{ field: "from", message: "from must be a date (YYYY-MM-DD) or a date-time with its offset, between 1900 and 9999" }] },
      });
    });
  });

  it("GRAPHQL_PARSE_FAILED: HTTP 400", async () => {
    expect(theError(await ask("{ clients { ", "staff@cn-sh.demo"))).toEqual({ status: 400, code: "GRAPHQL_PARSE_FAILED", extensions: {} });
  });

  it("GRAPHQL_VALIDATION_FAILED: HTTP 400", async () => {
    expect(theError(await ask("{ clients { nope } }", "staff@cn-sh.demo"))).toEqual({ status: 400, code: "GRAPHQL_VALIDATION_FAILED", extensions: {} });
  });

  it("PERSISTED_QUERY_NOT_FOUND: HTTP 200, so the client sends the document", async () => {
    const sha256Hash = createHash("sha256").update("{ me { user { id } } }").digest("hex");
    const answer = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(theError(answer)).toEqual({ status: 200, code: "PERSISTED_QUERY_NOT_FOUND", extensions: {} });
  });

  it("BAD_REQUEST: HTTP 400 for a body that is not JSON", async () => {
    expect(theError(await post("{ not json"))).toEqual({ status: 400, code: "BAD_REQUEST", extensions: {} });
  });

  it("PAYLOAD_TOO_LARGE: HTTP 413", async () => {
    expect(theError(await post({ query: `{ me { user { id } } }`, variables: { pad: "x".repeat(1_100_000) } }))).toEqual({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      extensions: {},
    });
  });
});
