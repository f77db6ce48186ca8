import { loadConfig } from "../src/config";
import { WITHOUT_ISOLATION } from "../bench/arms/without-isolation";
import { requestTransactions } from "../src/db/request-transaction";
import { useTestApp } from "./support/test-app";

const t = useTestApp();

/** `npm run bench` measures ours without shield and RLS; nothing but code passing the option may turn them off. */
describe("the bench-only mode without shield and RLS", () => {
  const enter = async (withoutIsolation?: boolean) => {
    const { rows } = await t.database.owner.query("SELECT id FROM users WHERE email = 'consultant@cn-sz.demo'");
    const limits = { statementTimeoutMs: 10_000 };
    const transactions = withoutIsolation
      ? WITHOUT_ISOLATION.transactions!({ request: t.app.requestDataSource, owner: t.app.dataSource }, limits)
      : requestTransactions(t.app.requestDataSource, limits);
    const { transaction } = await transactions.openAsMember({ userId: rows[0].id, sessionVersion: 1, requestId: "bench-only-test" });
    try {
      const [row] = await transaction.manager.query("SELECT current_user AS role, (SELECT count(*)::int FROM clients) AS clients");
      return row;
    } finally {
      await transaction.finish("rollback");
    }
  };

  it("by default a request runs as linkpass_app and RLS hides the other tenants' rows", async () => {
    const allClients = (await t.database.owner.query("SELECT count(*)::int AS n FROM clients")).rows[0].n;
    const row = await enter();
    expect(row.role).toBe("linkpass_app");
    expect(row.clients).toBeLessThan(allClients);
  });

  it("only the parts bench/ builds keep the owner role (RLS off); configuration has no way to set it", async () => {
    const allClients = (await t.database.owner.query("SELECT count(*)::int AS n FROM clients")).rows[0].n;
    const row = await enter(true);
    expect(row.role).not.toBe("linkpass_app");
    expect(row.clients).toBe(allClients);

    const config = loadConfig({ BENCH_ONLY_BYPASS_ROW_SECURITY: "true", WITHOUT_SHIELD_AND_RLS: "true", LOG_LEVEL: "silent" });
    expect(JSON.stringify(config)).not.toMatch(/bypass|shield|rls/i);
  });
});
