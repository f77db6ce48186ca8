import { readdirSync } from "node:fs";
import { join } from "node:path";
import { useTestApp } from "../support/test-app";

/** The built console (npm test builds it first): its hashed script, as index.html names it. */
const hashedScript = readdirSync(join(__dirname, "../../console/dist/assets")).find((name) => /^index-.*\.js$/.test(name));

describe("the console and the explorer are served by the API", () => {
  const app = useTestApp();
  const get = (path: string) => fetch(new URL(path, app.app.url));

  it("serves the console page without a token, under a strict Content-Security-Policy, revalidated on every visit", async () => {
    const response = await get("/console");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain("unsafe");
    expect(await response.text()).toContain(`/console/assets/${hashedScript}`);
  });

  it("lets browsers keep hashed assets for a year, with their content types", async () => {
    const response = await get(`/console/assets/${hashedScript}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers 304 when the browser's copy is current", async () => {
    const first = await get("/console");
    const again = await fetch(new URL("/console", app.app.url), { headers: { "if-modified-since": first.headers.get("last-modified")! } });
    expect(again.status).toBe(304);
  });

  it("answers 404 for a missing file or a path that leaves the console's folder", async () => {
    expect((await get("/console/assets/missing-0000.js")).status).toBe(404);
    expect((await get("/console/%2e%2e/package.json")).status).toBe(404);
    expect((await get("/console/..%2f..%2fpackage.json")).status).toBe(404);
    expect((await get("/console/%E0%A4%A")).status).toBe(404);
    expect((await get("/console/index.html%00.js")).status).toBe(404);
  });

  it("serves the explorer in development, and the landing page points to the console and the explorer with no outside resource", async () => {
    const explorer = await get("/graphiql");
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).toContain("/graphiql/explorer.js");
    const landing = await fetch(app.app.url, { headers: { accept: "text/html" } });
    const html = await landing.text();
    expect(html).toContain('href="/console"');
    expect(html).toContain('href="/graphiql"');
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe("in production", () => {
  const production = useTestApp({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-chars" });

  it("the explorer is off, while the console is served", async () => {
    expect((await fetch(new URL("/graphiql", production.app.url))).status).toBe(404);
    expect((await fetch(new URL("/console", production.app.url))).status).toBe(200);
  });
});

describe("in production with EXPLORER_IN_PRODUCTION=true", () => {
  const production = useTestApp({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-chars", EXPLORER_IN_PRODUCTION: "true" });

  it("the explorer is served", async () => {
    expect((await fetch(new URL("/graphiql", production.app.url))).status).toBe(200);
  });
});
