import { LOG_LEVEL, capturedLog } from "./support/captured-log";
import { errorCode, useTestApp } from "./support/test-app";

const { log, lines } = capturedLog();
const t = useTestApp({}, { log });
let base: string;
beforeAll(async () => {
  base = `http://127.0.0.1:${t.app.port}`;
});

describe("HTTP", () => {
  it("GET /healthz answers while the process is up", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz answers when the database is reachable", async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
  });

  it("GET /graphql runs a query with the bearer token and a CSRF-preflight header", async () => {
    const query = encodeURIComponent("{ me { tenant { code } } }");
    const preflights: Record<string, string>[] = [{ "apollo-require-preflight": "true" }, { "x-apollo-operation-name": "Me" }, { "content-type": "application/json" }];
    for (const preflighted of preflights) {
      const response = await t.as("consultant@my-kl.demo").get(`/graphql?query=${query}`, preflighted);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { me: { tenant: { code: "MY-KL" } } } });
    }
  });

  it("GET /graphql refuses a mutation", async () => {
    const query = encodeURIComponent('mutation { login(email: "a@b.c", password: "x") { token } }');
    const response = await fetch(`${base}/graphql?query=${query}`, { headers: { "apollo-require-preflight": "true" } });
    expect(response.status).toBe(405);
  });

  it("a body over 1 MB is refused with 413 before any work", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ me { user { id } } }`, padding: "x".repeat(1_100_000) }),
    });
    expect(response.status).toBe(413);
  });

  it("a body that is not JSON is a 400 with a code", async () => {
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("an unknown path is a 404", async () => {
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});

describe("CSRF prevention", () => {
  const createClient = (name: string) => JSON.stringify({ query: `mutation { createClient(input: { name: "${name}" }) { id } }` });
  const clientsNamed = async (name: string) =>
    (await t.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = $1", [name])).rows[0].n as number;

  it("a POST whose media type is not JSON never runs, whatever its charset says or its headers add", async () => {
    const token = await t.login("staff@cn-sh.demo");
    const attempts: Record<string, string>[] = [
      { "content-type": "text/plain;charset=json" },
      { "content-type": "text/plain;charset=json", "apollo-require-preflight": "true" },
      { "content-type": "application/x-www-form-urlencoded" },
      { "content-type": "multipart/form-data; boundary=x" },
      { "content-type": "application/json; charset=latin1" },
      { "content-type": "application/jsonp" },
      {},
    ];
    for (const [i, headers] of attempts.entries()) {
      const response = await fetch(`${base}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body: createClient(`Forged ${i}`) });
      expect({ headers, status: response.status }).toEqual({ headers, status: 400 });
      expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
      expect(await clientsNamed(`Forged ${i}`)).toBe(0);
    }
  });

  it("a POST of application/json or application/graphql-response+json runs", async () => {
    const token = await t.login("staff@cn-sh.demo");
    for (const contentType of ["application/json; charset=utf-8", "application/graphql-response+json"]) {
      const response = await fetch(`${base}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": contentType }, body: createClient(contentType) });
      expect(response.status).toBe(200);
      expect(await clientsNamed(contentType)).toBe(1);
    }
  });

  it("a GET without a CSRF-preflight header or a JSON content-type is refused before it runs", async () => {
    const token = await t.login("consultant@my-kl.demo");
    const query = encodeURIComponent("{ me { tenant { code } } }");
    const unpreflighted: Record<string, string>[] = [{}, { "content-type": "text/plain" }];
    for (const headers of unpreflighted) {
      const response = await fetch(`${base}/graphql?query=${query}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });
});

describe("GraphQL over HTTP: requests no operation can answer", () => {
  async function post(body: Record<string, unknown>) {
    const token = await t.login("consultant@my-kl.demo");
    const before = lines.length;
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any, logged: lines.slice(before) };
  }
  const TWO_OPERATIONS = "query First { me { user { id } } } query Second { me { tenant { id } } }";

  it.each([
    ["two operations and no operationName", { query: TWO_OPERATIONS }, "OPERATION_RESOLUTION_FAILURE"],
    ["an operationName the document does not have", { query: TWO_OPERATIONS, operationName: "Third" }, "OPERATION_RESOLUTION_FAILURE"],
    ["a subscription", { query: "subscription { notificationAdded { id } }" }, "BAD_REQUEST"],
  ])("%s is the client's error: HTTP 400, coded, not logged as a fault", async (_case, body, code) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(errorCode({ status: answer.status, ...answer.body })).toBe(code);
    expect(answer.logged.filter((line) => line.level >= LOG_LEVEL.error)).toEqual([]);
    expect(answer.logged.find((line) => line.msg === "graphql request")?.errors).toEqual([code]);
  });

  it("an operationName among several runs that operation", async () => {
    const answer = await post({ query: TWO_OPERATIONS, operationName: "Second" });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.data.me)).toEqual(["tenant"]);
  });
});
