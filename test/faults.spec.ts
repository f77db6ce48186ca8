import { loadConfig } from "../src/config";
import { issueAccessToken } from "../src/context/access-token";
import { requestTransactions } from "../src/db/request-transaction";
import { demoId } from "../src/demo-data/demo-data";
import { errorCode, useTestApp } from "./support/test-app";

const t = useTestApp({ DATABASE_POOL_SIZE: "1", DATABASE_POOL_TIMEOUT_MS: "300", STATEMENT_TIMEOUT_MS: "200" });

const member = { userId: demoId("user", "president@cn.demo"), sessionVersion: 1, requestId: "faults-test" };

describe("faults", () => {
  // The wait is bounded by the pool timeout: the held transaction is released only after the answer.
  it("an exhausted pool answers SERVICE_UNAVAILABLE after a bounded wait, then recovers", async () => {
    const token = await t.login("president@cn.demo");
    const { transaction } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember(member);
    try {
      const response = await t.graphql("{ clients { totalCount } }", {}, { token });
      expect(errorCode(response)).toBe("SERVICE_UNAVAILABLE");
      expect(response.status).toBe(503);
    } finally {
      await transaction.finish("rollback");
    }
    expect((await t.graphql("{ clients { totalCount } }", {}, { token })).data.clients.totalCount).toBe(7);
  });

  it("a statement over the request's statement_timeout is cancelled, and the connection is reusable", async () => {
    const { transaction } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 200 }).openAsMember(member);
    await expect(transaction.manager.query("SELECT pg_sleep(1)")).rejects.toThrow(/statement timeout/);
    await transaction.finish("rollback");
    const token = await t.login("president@cn.demo");
    expect((await t.graphql("{ clients { totalCount } }", {}, { token })).data.clients.totalCount).toBe(7);
  });
});

describe("request time limit", () => {
  const slow = useTestApp({ REQUEST_TIMEOUT_MS: "1" });

  it("a request over the time limit answers 503 REQUEST_TIMEOUT and writes nothing", async () => {
    // Logging in would run out of time too: the token is issued directly.
    const token = await issueAccessToken(
      { userId: demoId("user", "staff@cn-sh.demo"), tenantId: demoId("tenant", "CN-SH"), sessionVersion: 1 },
      loadConfig({ NODE_ENV: "test" }).jwtSecret,
    );
    const response = await slow.graphql(`mutation { createClient(input: { name: "Too slow" }) { id } }`, {}, { token });
    expect(response.status).toBe(503);
    expect(errorCode(response)).toBe("REQUEST_TIMEOUT");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { rows } = await slow.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = 'Too slow'");
    expect(rows[0].n).toBe(0);
  });
});
