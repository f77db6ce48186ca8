import { spyOnRequestStatements } from "./support/request-statements";
import { errorCode, useTestApp } from "./support/test-app";

const t = useTestApp();
const staff = t.as("staff@cn-sh.demo");
/** Logged in before any statement is counted: logging in runs SQL of its own. */
let token: string;
beforeAll(async () => {
  token = await t.login("staff@cn-sh.demo");
});

const CREATE_CLIENT = "mutation($input: CreateClientInput!) { createClient(input: $input) { id } }";
const clientCount = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM clients")).rows[0].n;

describe("bad input", () => {
  it.each([
    ["a malformed id", "{ client(id: \"not-an-id\") { id } }"],
    ["a malformed tenant id", "{ tenant(id: \"42\") { id } }"],
    ["first over the cap of 100", "{ clients(first: 101) { totalCount } }"],
    ["a negative first", "{ tenants(first: -1) { totalCount } }"],
    ["a forged cursor", "{ clients(after: \"bm90LWEtY3Vyc29y\") { totalCount } }"],
  ])("%s → BAD_USER_INPUT", async (_label, query) => {
    const response = await staff.query(query);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });

  it.each([
    ["a blank name", { name: "   " }],
    ["a name over 200 characters", { name: "x".repeat(201) }],
    ["an invalid email", { name: "Valid", contactEmail: "not-an-email" }],
    ["an invalid phone", { name: "Valid", contactPhone: "call me" }],
    ["an unknown company size", { name: "Valid", companySize: "HUGE" }],
    ["a missing name", { industry: "Retail" }],
  ])("createClient with %s → BAD_USER_INPUT and nothing written", async (_label, input) => {
    const before = await clientCount();
    const response = await staff.query(CREATE_CLIENT, { input });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await clientCount()).toBe(before);
  });

  it("validation errors name the offending field and never carry a stack trace", async () => {
    const response = await staff.query(CREATE_CLIENT, { input: { name: "Valid", contactEmail: "nope" } });
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(JSON.stringify(response.errors)).toContain("contactEmail");
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it.each([
    ["a string argument", `{ clients(search: "a\\u0000b") { totalCount } }`, {}],
    ["a variable", "query($search: String) { clients(search: $search) { totalCount } }", { search: "a\u0000b" }],
    ["an input object's field", CREATE_CLIENT, { input: { name: "Nul\u0000Ltd" } }],
    ["a list item", CREATE_CLIENT, { input: { name: "Valid", tags: ["ok", "\u0000"] } }],
  ])("a NUL character in %s is BAD_USER_INPUT 400, refused before any SQL, and nothing is written", async (_label, query, variables) => {
    const before = await clientCount();
    const statements = spyOnRequestStatements();
    try {
      const response = await t.graphql(query, variables, { token });
      expect(statements.texts()).toEqual([]);
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    } finally {
      statements.restore();
    }
    expect(await clientCount()).toBe(before);
  });

  it("a mutation refused for a NUL character claims no Idempotency-Key: the operation limits run before anything else", async () => {
    const statements = spyOnRequestStatements();
    try {
      const headers = { "idempotency-key": "nul-refused-first" };
      const response = await t.graphql(CREATE_CLIENT, { input: { name: "Nul\u0000Ltd" } }, { token, headers });
      expect(statements.texts()).toEqual([]);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    } finally {
      statements.restore();
    }
  });

  it("a query the schema does not know is GRAPHQL_VALIDATION_FAILED", async () => {
    const response = await staff.query("{ clients { nope } }");
    expect(errorCode(response)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("a syntax error is GRAPHQL_PARSE_FAILED", async () => {
    expect(errorCode(await staff.query("{ clients { "))).toBe("GRAPHQL_PARSE_FAILED");
  });
});
