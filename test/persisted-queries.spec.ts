import { createHash } from "node:crypto";
import Redis from "ioredis";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/shared/logger";
import { startTestApp, useTestApp } from "./support/test-app";

const QUERY = "{ me { tenant { code } } }";
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } });
/** The query string of a GET that sends the document's hash alone. */
const byHash = (query: string) => `?extensions=${encodeURIComponent(JSON.stringify(persisted(query)))}`;

describe("automatic persisted queries", () => {
  const t = useTestApp();

  it("an unknown hash asks for the document; once sent, GET with the hash alone answers", async () => {
    const consultant = t.as("consultant@cn-sz.demo");
    const miss = (await (await consultant.get(byHash(QUERY))).json()) as any;
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");

    const register = await consultant.post({ query: QUERY, extensions: persisted(QUERY) });
    expect(((await register.json()) as any).data).toEqual({ me: { tenant: { code: "CN-SZ" } } });

    const hit = await consultant.get(byHash(QUERY));
    expect(hit.status).toBe(200);
    expect(((await hit.json()) as any).data).toEqual({ me: { tenant: { code: "CN-SZ" } } });
  });

  it("a document whose hash does not match is refused", async () => {
    const response = await fetch(t.app.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: QUERY, extensions: persisted("{ other }") }),
    });
    expect(response.status).toBe(400);
  });
});

const redisUrl = process.env.LINK_PASS_TEST_REDIS_URL;

(redisUrl ? describe : describe.skip)("persisted queries shared through Redis", () => {
  it("a document registered on one API process is known to another", async () => {
    const query = `{ me { user { email } } } # ${Date.now()}`;
    const first = await startTestApp({ REDIS_URL: redisUrl! });
    const second = await startApp(
      loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: first.database.url, SEED_DEMO_DATA: "false", LOG_LEVEL: "silent", REDIS_URL: redisUrl!, APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" }),
      createLogger("silent"),
    );
    try {
      await first.as("president@my.demo").post({ query, extensions: persisted(query) });
      const headers = { authorization: `Bearer ${await first.login("president@my.demo")}` };
      const hit = (await (await fetch(`${second.url}${byHash(query)}`, { headers })).json()) as any;
      expect(hit.data).toEqual({ me: { user: { email: "president@my.demo" } } });
    } finally {
      await second.stop();
      await first.stop();
      const redis = new Redis(redisUrl!);
      await redis.del(`link-pass:apq:apq:${createHash("sha256").update(query).digest("hex")}`);
      await redis.quit();
    }
  });
});
