import { createHash } from "node:crypto";
import Redis from "ioredis";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/shared/logger";
import { LOG_LEVEL, capturedLog } from "./support/captured-log";
import { errorCode, startTestApp, useTestApp } from "./support/test-app";

const QUERY = "{ me { tenant { code } } }";
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } });
/** The query string of a GET that sends the document's hash alone. */
const byHash = (query: string) => `?extensions=${encodeURIComponent(JSON.stringify(persisted(query)))}`;
/** A GET runs only with one of Apollo's CSRF-preflight headers (or `content-type: application/json`). */
const PREFLIGHTED = { "apollo-require-preflight": "true" };

describe("automatic persisted queries", () => {
  const { log, lines } = capturedLog();
  const t = useTestApp({}, { log });

  it("an unknown hash asks for the document; once sent, GET with the hash alone answers", async () => {
    const consultant = t.as("consultant@cn-sz.demo");
    const miss = (await (await consultant.get(byHash(QUERY), PREFLIGHTED)).json()) as any;
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");

    const register = await consultant.post({ query: QUERY, extensions: persisted(QUERY) });
    expect(((await register.json()) as any).data).toEqual({ me: { tenant: { code: "CN-SZ" } } });

    const hit = await consultant.get(byHash(QUERY), PREFLIGHTED);
    expect(hit.status).toBe(200);
    expect(((await hit.json()) as any).data).toEqual({ me: { tenant: { code: "CN-SZ" } } });
  });

  /** POSTs a request with a persisted-query extension; the answer and the log lines it wrote. */
  async function postPersisted(body: Record<string, unknown>) {
    const before = lines.length;
    const response = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any, logged: lines.slice(before) };
  }

  it("a document sent under another document's hash is BAD_USER_INPUT, logged as the client's error", async () => {
    const { status, body, logged } = await postPersisted({ query: QUERY, extensions: persisted("{ other }") });
    expect(status).toBe(400);
    expect(errorCode({ status, ...body })).toBe("BAD_USER_INPUT");
    expect(logged.filter((line) => line.level >= LOG_LEVEL.error)).toEqual([]);
    expect(logged.find((line) => line.msg === "graphql request")?.errors).toEqual(["BAD_USER_INPUT"]);
  });

  it("an unsupported persisted-query version is PERSISTED_QUERY_NOT_SUPPORTED, logged as the client's error", async () => {
    const sha256Hash = createHash("sha256").update(QUERY).digest("hex");
    const { status, body, logged } = await postPersisted({ query: QUERY, extensions: { persistedQuery: { version: 2, sha256Hash } } });
    expect(status).toBe(400);
    expect(errorCode({ status, ...body })).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    expect(logged.filter((line) => line.level >= LOG_LEVEL.error)).toEqual([]);
    expect(logged.find((line) => line.msg === "graphql request")?.errors).toEqual(["PERSISTED_QUERY_NOT_SUPPORTED"]);
  });
});

const redisUrl = process.env.LINK_PASS_TEST_REDIS_URL;

(redisUrl ? describe : describe.skip)("persisted queries shared through Redis", () => {
  it("a document registered on one API process is known to another", async () => {
    const query = `{ me { user { email } } } # ${Date.now()}`;
    const first = await startTestApp({ REDIS_URL: redisUrl! });
    const second = await startApp(
      loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: first.database.url, SEED_DEMO_DATA: "false", LOG_LEVEL: "silent", REDIS_URL: redisUrl!, APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" }, appModules().settings),
      createLogger("silent"),
    );
    try {
      await first.as("president@my.demo").post({ query, extensions: persisted(query) });
      const headers = { authorization: `Bearer ${await first.login("president@my.demo")}`, ...PREFLIGHTED };
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
