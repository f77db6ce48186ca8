import { useTestApp } from "./support/test-app";

const t = useTestApp();
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

  it("GET /graphql runs a query with the bearer token", async () => {
    const query = encodeURIComponent("{ me { tenant { code } } }");
    const response = await t.as("consultant@my-kl.demo").get(`/graphql?query=${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { tenant: { code: "MY-KL" } } } });
  });

  it("GET /graphql refuses a mutation", async () => {
    const query = encodeURIComponent('mutation { login(email: "a@b.c", password: "x") { token } }');
    const response = await fetch(`${base}/graphql?query=${query}`);
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
