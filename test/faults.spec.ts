import { RequestTransaction } from "../src/db/request-transaction";
import { demoId } from "../src/seed/demo-data";
import { TestApp, errorCode, startTestApp } from "./support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DATABASE_POOL_SIZE: "1", DATABASE_POOL_TIMEOUT_MS: "300", STATEMENT_TIMEOUT_MS: "200" });
});
afterAll(() => t.stop());

const member = { userId: demoId("user", "president@cn.demo"), requestId: "faults-test" };

describe("faults", () => {
  it("an exhausted pool answers SERVICE_UNAVAILABLE after a bounded wait, then recovers", async () => {
    const token = await t.login("president@cn.demo");
    const { transaction } = await RequestTransaction.openAsMember(t.app.dataSource, member, { statementTimeoutMs: 10_000 });
    try {
      const started = Date.now();
      const response = await t.graphql("{ clients { totalCount } }", {}, { token });
      expect(errorCode(response)).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await transaction.finish("rollback");
    }
    expect((await t.graphql("{ clients { totalCount } }", {}, { token })).data.clients.totalCount).toBe(7);
  });

  it("a statement over the request's statement_timeout is cancelled, and the connection is reusable", async () => {
    const { transaction } = await RequestTransaction.openAsMember(t.app.dataSource, member, { statementTimeoutMs: 200 });
    await expect(transaction.manager.query("SELECT pg_sleep(1)")).rejects.toThrow(/statement timeout/);
    await transaction.finish("rollback");
    const token = await t.login("president@cn.demo");
    expect((await t.graphql("{ clients { totalCount } }", {}, { token })).data.clients.totalCount).toBe(7);
  });
});
