import { Client } from "pg";
import { demoId } from "../../src/demo-data/demo-data";
import { TestDatabase, createTestDatabase } from "../support/test-database";

/**
 * SECURITY DEFINER functions against temporary tables (issue 15): pg_temp comes first in any
 * search_path that does not name it, so a caller's temporary `memberships` would be read by a
 * definer function instead of the real one. Every definer function pins pg_temp last.
 */
let db: TestDatabase;
const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);

/** Every SECURITY DEFINER function of ours, as regprocedure text. */
let definers: string[];
/** Every table of ours, which a temporary table of the same name could shadow. */
let tables: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  definers = (
    await db.owner.query(`
      SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`)
  ).rows.map((r: { name: string }) => r.name);
  tables = (
    await db.owner.query("SELECT DISTINCT tablename FROM pg_tables WHERE schemaname IN ('public', 'app') ORDER BY 1")
  ).rows.map((r: { tablename: string }) => r.tablename);
});
afterAll(() => db.drop());

/** How a probe calls a definer function: as the runtime role inside a member's request, or as the pool's login role. */
interface Probe {
  as: "runtime role" | "login role";
  /** The statement whose outcome must not change; names of our tables are schema-qualified, so only the function could be shadowed. */
  sql: string;
  params?: unknown[];
}

const CN_SZ_PRESIDENT = user("president@cn-sz.demo");
const PROBE_PARTNER = "00000000-0000-4000-8000-00000000beef";
const PROBE_UPLOAD = "00000000-0000-4000-8000-0000000000ff";

/** One probe per definer function; a new definer function fails the coverage test until it has one. */
const PROBES: Record<string, Probe> = {
  "app.enter_request(uuid,text,text)": {
    as: "login role",
    sql: "SELECT tenant_id, role, visible_tenant_ids FROM app.enter_request($1, NULL, 'probe') UNION ALL SELECT tenant_id, role, visible_tenant_ids FROM app.enter_request($1, 'HQ', 'probe')",
    params: [CN_SZ_PRESIDENT],
  },
  "app.establish_context(uuid,uuid,uuid,text,text,text,uuid[],uuid[],uuid[],uuid)": {
    as: "login role",
    sql: "SELECT app.establish_context($1, NULL, $2, 'STAFF', 'FINANCE', 'probe', $3, $3, $3, NULL), app.acting_tenant_id(), app.visible_tenant_ids()",
    params: [CN_SZ_PRESIDENT, tenant("CN-SZ"), [tenant("CN-SZ")]],
  },
  "app.verified_setting(text)": { as: "runtime role", sql: "SELECT app.acting_tenant_id(), app.visible_tenant_ids(), app.current_user_id()" },
  "app.find_login(text)": { as: "runtime role", sql: "SELECT user_id, tenant_id FROM app.find_login('president@cn-sz.demo')" },
  "app.record_audit()": {
    as: "runtime role",
    sql: "UPDATE public.clients SET needs = 'probe' WHERE id = (SELECT id FROM public.clients WHERE tenant_id = $1 ORDER BY id LIMIT 1)",
    params: [tenant("CN-SZ")],
  },
  "app.roll_up_client()": {
    as: "runtime role",
    sql: "INSERT INTO public.clients (tenant_id, name, created_by) VALUES ($1, 'Probe', $2)",
    params: [tenant("CN-SZ"), CN_SZ_PRESIDENT],
  },
  "app.roll_up_case()": {
    as: "runtime role",
    sql: "UPDATE public.service_cases SET tier = tier WHERE id = (SELECT id FROM public.service_cases WHERE tenant_id = $1 AND step <> 'ARCHIVED' ORDER BY id LIMIT 1)",
    params: [tenant("CN-SZ")],
  },
  "app.enter_api_key(bytea,text,text)": {
    as: "login role",
    sql: "SELECT api_key_id, tenant_id, other_tenant FROM app.enter_api_key(decode(repeat('00', 32), 'hex'), NULL, 'probe')",
  },
  "app.enter_upload(bytea,text)": { as: "login role", sql: "SELECT tenant_id, subject_id FROM app.enter_upload(decode('00', 'hex'), 'probe')" },
  "app.enter_evidence_package(bytea,text)": {
    as: "login role",
    sql: "SELECT tenant_id, subject_id FROM app.enter_evidence_package(decode('00', 'hex'), 'probe')",
  },
  "app.establish_shared_package(uuid)": {
    as: "login role",
    sql: "SELECT app.establish_shared_package($1), app.shared_package_id(), app.acting_tenant_id()",
    params: [PROBE_PARTNER],
  },
  "app.count_stored_bytes()": {
    as: "runtime role",
    sql: "WITH stored AS (UPDATE public.documents SET status = 'STORED', stored_at = now() WHERE id = $1 RETURNING id) SELECT count(*)::int AS stored FROM stored",
    params: [PROBE_UPLOAD],
  },
  "app.raise_evidence_package_accessed()": {
    as: "login role",
    sql: `WITH shared AS (
            INSERT INTO public.evidence_packages (tenant_id, case_id, title, share_token_hash, expires_at, created_by)
            SELECT c.tenant_id, c.id, 'Probe', decode(repeat('ab', 32), 'hex'), now() + interval '1 day', $2
              FROM public.service_cases c WHERE c.tenant_id = $1 ORDER BY c.id LIMIT 1
            RETURNING tenant_id, id)
          INSERT INTO public.evidence_package_accesses (tenant_id, package_id, via) SELECT tenant_id, id, 'SHARE_URL' FROM shared RETURNING via`,
    params: [tenant("CN-SZ"), CN_SZ_PRESIDENT],
  },
  "app.rebuild_case_rollups()": { as: "login role", sql: "SELECT app.rebuild_case_rollups()" },
  "app.rebuild_client_rollups()": { as: "login role", sql: "SELECT app.rebuild_client_rollups()" },
  "app.enrol_first_member(uuid,text,text,text)": {
    as: "runtime role",
    sql: "SELECT app.enrol_first_member($1, 'probe@partner.test', 'Probe', 'not-a-hash') IS NOT NULL AS enrolled",
    params: [PROBE_PARTNER],
  },
  "app.find_invitation(text)": { as: "runtime role", sql: "SELECT invitation_id, tenant_id FROM app.find_invitation('no-such-token')" },
  "app.accept_invitation(text,text)": { as: "runtime role", sql: "SELECT user_id, tenant_id FROM app.accept_invitation('no-such-token', 'not-a-hash')" },
  "app.session_is_current(uuid,uuid,integer)": {
    as: "login role",
    sql: "SELECT app.session_is_current(m.tenant_id, m.id, 1) AS current FROM public.memberships m WHERE m.user_id = $1",
    params: [CN_SZ_PRESIDENT],
  },
  "app.session_version_of(uuid)": { as: "runtime role", sql: "SELECT app.session_version_of($1) AS version", params: [CN_SZ_PRESIDENT] },
  "app.own_password_hash()": { as: "runtime role", sql: "SELECT app.own_password_hash() IS NOT NULL AS has_hash" },
  "app.set_own_password(text)": { as: "runtime role", sql: "SELECT app.set_own_password('not-a-hash')" },
  "app.end_own_sessions()": { as: "runtime role", sql: "SELECT app.end_own_sessions()" },
  "app.request_password_reset(text,text,timestamp with time zone,jsonb,text)": {
    as: "runtime role",
    sql: `SELECT app.request_password_reset('president@cn-sz.demo', 'probe-token', now() + interval '1 hour', '{"en":{"subject":"Probe","text":"Probe"}}', NULL)`,
  },
  "app.reset_password(text,text)": { as: "runtime role", sql: "SELECT app.reset_password('no-such-token', 'not-a-hash') AS reset" },
};

/** What the rest of a probe's transaction reads back after it, the same whether or not anything was shadowed. */
const AFTERMATH = `SELECT (SELECT count(*) FROM public.audit_log) AS audit_entries,
                          (SELECT coalesce(sum(clients), 0) FROM public.client_rollups) AS client_rollups,
                          (SELECT coalesce(sum(cases), 0) FROM public.case_rollups) AS case_rollups,
                          (SELECT coalesce(sum(used_bytes), 0) FROM public.tenant_storage_usage) AS stored_bytes,
                          (SELECT count(*) FROM public.events) AS events`;

/** Runs `probe` in a rolled-back transaction, after the runtime role shadowed `shadowed` with temporary tables; its outcome. */
async function outcomeOf(probe: Probe, shadowed: string[]): Promise<unknown> {
  const sql: Client = db.owner;
  await sql.query("BEGIN");
  try {
    // A CN-SZ president's request; CN-SZ has an APPLIED partner without members for the enrolment probe, and a pending upload for the storage count's.
    await sql.query(
      `INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, status)
       SELECT $1::uuid, 'CN-SZ-PROBE', 'Probe partner', 'PARTNER', t.id, t.path || $1::text || '/', t.depth + 1, 'APPLIED' FROM tenants t WHERE t.id = $2`,
      [PROBE_PARTNER, tenant("CN-SZ")],
    );
    await sql.query(
      `INSERT INTO documents (tenant_id, id, file_name, content_type, byte_size, sha256, upload_expires_at, uploaded_by)
       VALUES ($1, $2, 'probe.pdf', 'application/pdf', 1000, repeat('0', 64), now() + interval '1 hour', $3)`,
      [tenant("CN-SZ"), PROBE_UPLOAD, CN_SZ_PRESIDENT],
    );
    await sql.query(`GRANT TEMPORARY ON DATABASE ${db.name} TO linkpass_app`);
    await sql.query("SELECT 1 FROM app.enter_request($1, NULL, 'probe')", [CN_SZ_PRESIDENT]);
    await sql.query("SET LOCAL ROLE linkpass_app");
    for (const table of shadowed) {
      await sql.query(`CREATE TEMPORARY TABLE ${table} (shadowed boolean)`);
      await sql.query(`GRANT ALL ON ${table} TO PUBLIC`);
    }
    if (probe.as === "login role") await sql.query("RESET ROLE");
    await sql.query("SAVEPOINT probe");
    let result: unknown;
    try {
      result = (await sql.query(probe.sql, probe.params ?? [])).rows;
    } catch (error) {
      await sql.query("ROLLBACK TO SAVEPOINT probe");
      result = { error: (error as { code?: string }).code, message: (error as Error).message };
    }
    await sql.query("RESET ROLE");
    return { result, aftermath: (await sql.query(AFTERMATH)).rows };
  } finally {
    await sql.query("ROLLBACK");
  }
}

describe("SECURITY DEFINER functions", () => {
  it("every one pins search_path with pg_catalog first and pg_temp last", async () => {
    const { rows } = await db.owner.query(`
      SELECT p.oid::regprocedure::text AS name, (SELECT c FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%') AS search_path
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')`);
    expect(rows.length).toBe(definers.length);
    for (const { name, search_path } of rows) {
      const schemas = String(search_path).replace(/^search_path=/, "").split(",").map((s) => s.trim().replace(/"/g, ""));
      expect([name, schemas[0], schemas[schemas.length - 1]]).toEqual([name, "pg_catalog", "pg_temp"]);
    }
  });

  it("each has a shadowing probe below (a new definer function needs one)", () => {
    expect(Object.keys(PROBES).sort()).toEqual(definers);
  });

  it.each(Object.keys(PROBES))("%s reads no temporary table that shadows one of ours", async (name) => {
    const probe = PROBES[name];
    const plain = await outcomeOf(probe, []);
    expect(plain).not.toMatchObject({ result: { error: expect.anything() } });
    expect(await outcomeOf(probe, tables)).toEqual(plain);
  });

  it("a temporary memberships table does not make a CN-SZ president enter as head office's president", async () => {
    const sql = db.owner;
    await sql.query("BEGIN");
    try {
      await sql.query(`GRANT TEMPORARY ON DATABASE ${db.name} TO linkpass_app`);
      await sql.query("SELECT 1 FROM app.enter_request($1, NULL, 'attack')", [CN_SZ_PRESIDENT]);
      await sql.query("SET LOCAL ROLE linkpass_app");
      await sql.query("CREATE TEMPORARY TABLE memberships AS SELECT * FROM public.memberships WHERE false");
      await sql.query("GRANT SELECT ON memberships TO PUBLIC");
      await sql.query(
        "INSERT INTO memberships (tenant_id, id, user_id, role, department, active, created_at) VALUES ($1, gen_random_uuid(), $2, 'PRESIDENT', 'MANAGEMENT', true, now())",
        [tenant("HQ"), CN_SZ_PRESIDENT],
      );
      // The next request on this pooled connection enters as the login role, with the table still there.
      await sql.query("RESET ROLE");
      const { rows } = await sql.query("SELECT tenant_id FROM app.enter_request($1, 'HQ', 'attack')", [CN_SZ_PRESIDENT]);
      expect(rows).toEqual([]);
      const own = await sql.query("SELECT tenant_id, visible_tenant_ids FROM app.enter_request($1, NULL, 'attack')", [CN_SZ_PRESIDENT]);
      expect(own.rows).toEqual([{ tenant_id: tenant("CN-SZ"), visible_tenant_ids: [tenant("CN-SZ")] }]);
    } finally {
      await sql.query("ROLLBACK");
    }
  });

  it("the migrated database refuses temporary tables to the runtime role (a copy made from it as a template does not keep that)", async () => {
    const template = process.env.LINK_PASS_TEST_TEMPLATE;
    const { rows } = await db.owner.query(
      "SELECT has_database_privilege('linkpass_app', $1, 'TEMPORARY') AS migrated, has_database_privilege('linkpass_app', current_database(), 'TEMPORARY') AS copy",
      [template],
    );
    expect(rows).toEqual([{ migrated: false, copy: true }]);
  });
});
