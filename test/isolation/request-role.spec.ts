import type { EntityManager } from "typeorm";
import { requestTransactions } from "../../src/db/request-transaction";
import { demoId } from "../../src/demo-data/demo-data";
import { useTestApp } from "../support/test-app";

/**
 * The runtime role tries to climb out of itself, in SQL on the request pool (issue 15, "the
 * database must not trust what the runtime role can write"): the pool logs in as
 * linkpass_request, so there is no owner role behind linkpass_app to return to.
 */
const t = useTestApp();

/** Head office's president reads every tenant: the widest context to escape from. */
const PRESIDENT = demoId("user", "president@hq.demo");
/** Roles linkpass_app must never become: the owner and the narrow owners of the definer functions. */
const GUARDED_ROLES = ["linkpass_auth", "linkpass_context", "linkpass_enrol", "linkpass_audit", "linkpass_rollup", "linkpass_events"];

let owner: string;
beforeAll(async () => {
  owner = (await t.database.owner.query("SELECT current_user AS name")).rows[0].name;
});

/** Runs `work` in a request transaction entered as the president, then rolls it back. */
async function asRequest<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
  const { transaction, acting } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember({
    userId: PRESIDENT,
    sessionVersion: 1,
    requestId: "request-role-test",
  });
  expect(acting).not.toBeNull();
  try {
    return await work(transaction.manager);
  } finally {
    await transaction.finish("rollback");
  }
}

/** The SQLSTATE `statement` fails with inside a request transaction, or "ok". */
function outcomeOf(statement: string): Promise<string> {
  return asRequest(async (db) => {
    try {
      await db.query(statement);
      return "ok";
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
}

const INSUFFICIENT_PRIVILEGE = "42501";

describe("the request pool's login role", () => {
  it("a request runs as linkpass_app on a session of linkpass_request, which is no superuser and bypasses no RLS", async () => {
    const [row] = await asRequest((db) =>
      db.query(`SELECT current_user AS current, session_user AS session, r.rolsuper AS superuser, r.rolbypassrls AS bypasses_rls, r.rolinherit AS inherits
                  FROM pg_roles r WHERE r.rolname = session_user`),
    );
    expect(row).toEqual({ current: "linkpass_app", session: "linkpass_request", superuser: false, bypasses_rls: false, inherits: false });
  });

  it("SET ROLE to the owner is refused", async () => {
    expect(await outcomeOf(`SET ROLE ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("set_config('role', <owner>, true) is refused", async () => {
    expect(await outcomeOf(`SELECT set_config('role', '${owner}', true)`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcomeOf(`SELECT set_config('role', '${owner}', false)`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("SET SESSION AUTHORIZATION to the owner is refused", async () => {
    expect(await outcomeOf(`SET SESSION AUTHORIZATION ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("no definer function's owner role can be set either", async () => {
    for (const role of GUARDED_ROLES) {
      expect({ role, outcome: await outcomeOf(`SET ROLE ${role}`) }).toEqual({ role, outcome: INSUFFICIENT_PRIVILEGE });
    }
  });

  it("RESET ROLE lands on linkpass_request, which holds no privilege on any table and may call no definer function but the four entries (a member's, an API key's, an upload URL's, a share URL's), the session check and the setting check", async () => {
    const [row] = await asRequest(async (db) => {
      await db.query("RESET ROLE");
      return db.query(`
        SELECT current_user AS current,
               (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('public', 'app') AND c.relkind IN ('r', 'p', 'v', 'm')
                   AND (has_table_privilege(c.oid, 'SELECT') OR has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
                        OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))) AS usable_tables,
               (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(c.relowner, 'MEMBER')) AS owned,
               (SELECT array_agg(p.oid::regprocedure::text) FROM pg_proc p
                 WHERE p.prosecdef AND p.prorettype <> 'trigger'::regtype AND has_function_privilege(p.oid, 'EXECUTE')) AS definer_functions`);
    });
    // app.verified_setting only checks this transaction's own settings (every role may, the policies need it).
    expect(row).toEqual({
      current: "linkpass_request",
      usable_tables: 0,
      owned: 0,
      definer_functions: expect.arrayContaining([
        "app.enter_api_key(bytea,text,text)",
        "app.enter_evidence_package(bytea,text)",
        "app.enter_request(uuid,text,text)",
        "app.enter_upload(bytea,text)",
        "app.session_is_current(uuid,uuid,integer)",
        "app.verified_setting(text)",
      ]),
    });
    expect(row.definer_functions).toHaveLength(6);
  });

  it("after RESET ROLE a read of a tenant table and a write are refused", async () => {
    const attempt = (statement: string) => outcomeOf(`RESET ROLE; ${statement}`);
    expect(await attempt("SELECT count(*) FROM clients")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await attempt("SELECT count(*) FROM users")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await attempt("UPDATE tenants SET name = name")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await attempt("INSERT INTO audit_log DEFAULT VALUES")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await attempt(`SET ROLE ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await attempt(`SET SESSION AUTHORIZATION ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });
});
