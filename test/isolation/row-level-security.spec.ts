import { Client } from "pg";
import { withRuntimeContext } from "../support/runtime-role";
import { TestDatabase, createTestDatabase } from "../support/test-database";

/** RLS checked in SQL, as the runtime role, without the GraphQL layer in front of it. */
let db: TestDatabase;
let ids: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await db.owner.query("SELECT code, id FROM tenants");
  ids = Object.fromEntries(rows.map((r: { code: string; id: string }) => [r.code, r.id]));
});
afterAll(() => db.drop());

/** Runs `work` as linkpass_app with the given tenant sets, then rolls everything back. */
const asRuntimeRole = <T>(settings: { visible?: string[]; writable?: string[]; user?: string }, work: (sql: Client) => Promise<T>) =>
  withRuntimeContext(db.owner, { visible: settings.visible, writable: settings.writable, userId: settings.user }, work);

const count = async (sql: Client, query: string, params: unknown[] = []) => (await sql.query(query, params)).rows[0].n as number;

describe("row-level security", () => {
  it("with no settings the runtime role reads zero rows from every tenant table", async () => {
    const { rows: tables } = await db.owner.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'",
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    await asRuntimeRole({}, async (sql) => {
      for (const { tablename } of tables) {
        expect([tablename, await count(sql, `SELECT count(*)::int AS n FROM ${tablename}`)]).toEqual([tablename, 0]);
      }
    });
  });

  it("tenant A's settings never read B's rows", async () => {
    await asRuntimeRole({ visible: [ids["CN-SH"]] }, async (sql) => {
      const { rows } = await sql.query("SELECT DISTINCT tenant_id FROM clients");
      expect(rows.map((r) => r.tenant_id)).toEqual([ids["CN-SH"]]);
      expect(await count(sql, "SELECT count(*)::int AS n FROM clients WHERE tenant_id = $1", [ids["CN-SZ"]])).toBe(0);
    });
  });

  it("tenant A's settings never write B's rows: insert, update and delete are refused or touch nothing", async () => {
    const writable = { visible: [ids["CN-SH"]], writable: [ids["CN-SH"]] };
    await expect(
      asRuntimeRole(writable, (sql) =>
        sql.query("INSERT INTO clients (tenant_id, name, created_by) SELECT $1, 'Intruder', id FROM users LIMIT 1", [ids["CN-SZ"]]),
      ),
    ).rejects.toThrow(/row-level security/);
    await asRuntimeRole(writable, async (sql) => {
      expect((await sql.query("UPDATE clients SET name = 'Hijacked' WHERE tenant_id = $1", [ids["CN-SZ"]])).rowCount).toBe(0);
      expect((await sql.query("DELETE FROM clients WHERE tenant_id = $1", [ids["CN-SZ"]])).rowCount).toBe(0);
    });
    await expect(
      asRuntimeRole(writable, (sql) => sql.query("UPDATE clients SET tenant_id = $1 WHERE tenant_id = $2", [ids["CN-SZ"], ids["CN-SH"]])),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await db.owner.query("SELECT count(*)::int AS n FROM clients WHERE name IN ('Intruder', 'Hijacked')");
    expect(rows[0].n).toBe(0);
  });

  it("a readable tenant is not writable unless it is in the writable set (a parent never silently writes)", async () => {
    await asRuntimeRole({ visible: [ids.CN, ids["CN-SH"]], writable: [ids.CN] }, async (sql) => {
      expect((await sql.query("UPDATE clients SET name = name WHERE tenant_id = $1", [ids["CN-SH"]])).rowCount).toBe(0);
    });
  });

  it.each([
    ["case", "INSERT INTO case_rollups VALUES ($1, now(), 'INTAKE', 'GENERAL', 1, 0)"],
    ["client", "INSERT INTO client_rollups VALUES ($1, now(), 1)"],
  ])("the report's %s rollups are read under the tenant policy and written only by their trigger, never by a request", async (kind, insert) => {
    const own = { visible: [ids["CN-SH"]], writable: [ids["CN-SH"]] };
    await asRuntimeRole(own, async (sql) => {
      const { rows } = await sql.query(`SELECT DISTINCT tenant_id FROM ${kind}_rollups`);
      expect(rows.map((r) => r.tenant_id)).toEqual([ids["CN-SH"]]);
    });
    await expect(asRuntimeRole(own, (sql) => sql.query(`UPDATE ${kind}_rollups SET tenant_id = tenant_id`))).rejects.toThrow(/permission denied/);
    await expect(asRuntimeRole(own, (sql) => sql.query(insert, [ids["CN-SH"]]))).rejects.toThrow(/permission denied/);
    await expect(asRuntimeRole(own, (sql) => sql.query(`SELECT app.rebuild_${kind}_rollups()`))).rejects.toThrow(/permission denied/);
  });

  it("the runtime role owns nothing, is no superuser and cannot bypass RLS", async () => {
    const { rows } = await db.owner.query(
      "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'linkpass_app'",
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    const owned = await db.owner.query(
      "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname IN ('linkpass_app', 'linkpass_auth')",
    );
    expect(owned.rows).toEqual([]);
  });

  it("every table with a tenant column, and every identity table, forces row-level security", async () => {
    const { rows } = await db.owner.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'migrations'`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row).toEqual({ relname: row.relname, relrowsecurity: true, relforcerowsecurity: true });
  });

  it("every tenant table has tenant_id in its primary key and policies for reading and writing", async () => {
    const { rows } = await db.owner.query(`
      SELECT c.table_name,
             (SELECT array_agg(p.policyname::text ORDER BY p.policyname) FROM pg_policies p
               WHERE p.schemaname = 'public' AND p.tablename = c.table_name) AS policies,
             (SELECT bool_or(a.attname = 'tenant_id') FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
               WHERE i.indrelid = ('public.' || c.table_name)::regclass AND i.indisprimary) AS tenant_in_primary_key
        FROM information_schema.columns c
       WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND c.is_nullable = 'NO'`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row).toMatchObject({ tenant_in_primary_key: true });
      expect(row.policies).toEqual(expect.arrayContaining(["tenant_read"]));
      if (!["memberships", "audit_log"].includes(row.table_name)) {
        expect(row.policies).toEqual(expect.arrayContaining(["tenant_update"]));
        // Rows only a parent creates (contracts, assessments, statements) have parent_insert instead.
        expect(row.policies.some((policy: string) => policy === "tenant_insert" || policy === "parent_insert")).toBe(true);
      }
    }
  });

  it("the runtime role cannot read password hashes", async () => {
    await expect(
      asRuntimeRole({ visible: [ids.HQ] }, (sql) => sql.query("SELECT password_hash FROM users")),
    ).rejects.toThrow(/permission denied/);
  });
});
