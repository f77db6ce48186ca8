import { requestTransactions } from "../src/db/request-transaction";
import { useTestApp } from "./support/test-app";

const t = useTestApp({ DATABASE_POOL_SIZE: "1" });

const userId = async (email: string) => (await t.database.owner.query("SELECT id FROM users WHERE email = $1", [email])).rows[0].id;

describe("the request path", () => {
  it("runs every request as linkpass_app under RLS: an unfiltered query sees only the visible set", async () => {
    const { transaction, acting } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember({
      userId: await userId("consultant@cn-sz.demo"),
      sessionVersion: 1,
      requestId: "request-path-test",
    });
    try {
      const [row] = await transaction.manager.query(
        "SELECT current_user AS role, (SELECT count(*)::int FROM clients) AS clients, (SELECT count(*)::int FROM tenants) AS tenants",
      );
      expect(row.role).toBe("linkpass_app");
      expect(row.clients).toBe(3);
      // CN-SZ itself, plus the public profiles of CN and HQ
      expect(row.tenants).toBe(3);
      expect(acting!.visibleTenantIds).toHaveLength(1);
    } finally {
      await transaction.finish("rollback");
    }
  });

  it("after a request for tenant A commits, the next request on the same pooled connection sees nothing of A", async () => {
    const shanghai = await t.as("president@cn-sh.demo").query("{ clients { totalCount } }");
    expect(shanghai.data.clients.totalCount).toBe(4);
    const shenzhen = await t.as("consultant@cn-sz.demo").query("{ clients { edges { node { tenant { code } } } } }");
    expect(new Set(shenzhen.data.clients.edges.map((e: any) => e.node.tenant.code))).toEqual(new Set(["CN-SZ"]));

    const [connection] = await t.app.requestDataSource.query(
      "SELECT current_user AS role, current_setting('app.visible_tenant_ids', true) AS visible, current_setting('app.user_id', true) AS user_id",
    );
    expect(connection.role).toBe("linkpass_request");
    expect(connection.visible || "").toBe("");
    expect(connection.user_id || "").toBe("");
  });

  it("one transaction per request: when one mutation of a document fails, the others are rolled back", async () => {
    const staff = t.as("staff@cn-sh.demo");
    const response = await staff.query(
      `mutation { first: createClient(input: { name: "Written first" }) { id } second: createClient(input: { name: " " }) { id } }`,
    );
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = 'Written first'");
    expect(rows[0].n).toBe(0);
  });

  it("a refused request leaves the pool usable (its connection was returned)", async () => {
    for (let i = 0; i < 3; i++) {
      await t.as("staff@cn-sh.demo").query("{ clients(first: 500) { totalCount } }");
    }
    const response = await t.as("staff@cn-sh.demo").query("{ clients { totalCount } }");
    expect(response.data.clients.totalCount).toBe(4);
  });
});
