import Redis from "ioredis";
import { request } from "node:http";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/shared/logger";
import { spyOnRequestStatements } from "./support/request-statements";
import { StartedTestApp, startTestApp, useTestApp } from "./support/test-app";

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

const LOGIN = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }";

describe("login throttle", () => {
  let t: StartedTestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN_ACCOUNT_PER_MINUTE: "3", RATE_LIMIT_LOGIN_ADDRESS_PER_MINUTE: "5" });
  });
  afterAll(() => t.stop());

  /** POSTs from a chosen loopback address, as a client elsewhere on the network would. */
  function postFrom(localAddress: string, variables: Record<string, unknown>, token?: string) {
    return new Promise<{ status: number; retryAfter?: string; code?: string }>((resolve, reject) => {
      const headers: Record<string, string> = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const call = request(`http://127.0.0.1:${t.app.port}/graphql`, { method: "POST", localAddress, headers }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, retryAfter: response.headers["retry-after"] as string | undefined, code: JSON.parse(text).errors?.[0]?.extensions?.code }),
        );
      });
      call.on("error", reject);
      call.end(JSON.stringify({ query: LOGIN, variables }));
    });
  }

  it("a document holding login more than once, under aliases or in fragments, is refused before any password is checked", async () => {
    const statements = spyOnRequestStatements();
    try {
      const login = (alias: string) => `${alias}: login(email: "staff@cn-sh.demo", password: "guess-${alias}") { token }`;
      for (const document of [
        `mutation { ${login("a")} ${login("b")} }`,
        `mutation { ${login("a")} ...More } fragment More on Mutation { ${login("b")} }`,
        `mutation First { ${login("a")} } mutation Second { ${login("b")} }`,
      ]) {
        const response = await t.graphql(document);
        expect(response.status).toBe(400);
        expect(response.errors).toHaveLength(1);
        expect(response.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
      }
      expect(statements.texts()).toEqual([]);
    } finally {
      statements.restore();
    }
  });

  it("an account's login attempts are limited from every address, however its email is written", async () => {
    const spellings = ["target@x.demo", " TARGET@x.demo", "Target@X.Demo "];
    for (const [i, email] of spellings.entries()) {
      expect((await postFrom(`127.0.0.${11 + i}`, { email, password: "wrong" })).code).toBe("UNAUTHENTICATED");
    }
    const refused = await postFrom("127.0.0.14", { email: "target@x.demo", password: "wrong" });
    expect(refused).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await postFrom("127.0.0.14", { email: "other@x.demo", password: "wrong" })).code).toBe("UNAUTHENTICATED");
  });

  it("an address's login attempts are limited whatever bearer token they carry", async () => {
    const token = await t.login("president@cn-sh.demo");
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await postFrom("127.0.0.22", { email: `guess-${i}@x.demo`, password: "wrong" }, token)).code);
    expect(codes).toEqual([...Array(5).fill("UNAUTHENTICATED"), "RATE_LIMITED"]);
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
    }, appModules().settings);
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
