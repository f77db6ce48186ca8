import Redis from "ioredis";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/shared/logger";
import { startTestApp, useTestApp } from "./support/test-app";

const ME = "{ me { user { id } } }";

describe("rate limits (in memory)", () => {
  const t = useTestApp({ RATE_LIMIT_USER_PER_MINUTE: "5", RATE_LIMIT_ANONYMOUS_PER_MINUTE: "4" });

  it("a user over the limit gets 429 RATE_LIMITED with Retry-After; another user does not", async () => {
    const staff = t.as("staff@cn-sh.demo");
    for (let i = 0; i < 5; i++) expect((await staff.query(ME)).status).toBe(200);
    const response = await staff.post({ query: ME });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("RATE_LIMITED");
    expect((await t.as("president@cn-sh.demo").query(ME)).status).toBe(200);
  });

  it("requests without a valid token (login) are limited per client address", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.graphql(`mutation { login(email: "nobody@x.demo", password: "wrong") { token } }`)).status);
    }
    expect(statuses.slice(0, 2).every((status) => status === 200)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(429);
  });
});

const redisUrl = process.env.LINK_PASS_TEST_REDIS_URL;

(redisUrl ? describe : describe.skip)("rate limits shared through Redis", () => {
  it("two API processes share one user's bucket", async () => {
    const redis = new Redis(redisUrl!);
    const stale = await redis.keys("link-pass:*");
    if (stale.length) await redis.del(...stale);
    await redis.quit();

    const first = await startTestApp({ REDIS_URL: redisUrl!, RATE_LIMIT_USER_PER_MINUTE: "4" });
    const config = loadConfig({
      NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: first.database.url, SEED_DEMO_DATA: "false",
      LOG_LEVEL: "silent", REDIS_URL: redisUrl!, RATE_LIMIT_USER_PER_MINUTE: "4", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0",
    });
    const second = await startApp(config, createLogger("silent"));
    try {
      const token = await first.login("consultant@my-kl.demo");
      const call = (url: string) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: ME }) });
      const statuses = [];
      for (const url of [first.app.url, second.url, first.app.url, second.url, first.app.url]) statuses.push((await call(url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
