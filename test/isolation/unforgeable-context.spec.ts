import { createHash, createHmac, randomUUID } from "node:crypto";
import { Client } from "pg";
import { demoId } from "../../src/demo-data/demo-data";
import { enterAsRuntimeRole, withRuntimeContext } from "../support/runtime-role";
import { TestDatabase, createTestDatabase } from "../support/test-database";

/**
 * The tenant context, attacked in SQL as linkpass_app (issue 15): only app.enter_request
 * establishes a context that verifies; whatever the runtime role writes by hand grants nothing.
 */
let db: TestDatabase;
let everyTenant: string[];
const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);

/** The signed settings and the names the context was kept under before it was signed. */
const SIGNED = ["context", "visible_tenant_ids", "writable_tenant_ids", "profile_tenant_ids"];
const LEGACY = ["user_id", "tenant_id", "membership_id", "request_id"];

beforeAll(async () => {
  db = await createTestDatabase();
  everyTenant = (await db.owner.query("SELECT id FROM tenants")).rows.map((r: { id: string }) => r.id);
});
afterAll(() => db.drop());

/** Runs `work` in a transaction entered the way a request enters it, then rolls it back. */
async function asMember<T>(email: string, work: (sql: Client) => Promise<T>, sql: Client = db.owner): Promise<T> {
  await enterAsRuntimeRole(sql, user(email), null, "request-of-" + email);
  try {
    return await work(sql);
  } finally {
    await sql.query("ROLLBACK");
  }
}

/** The settings as app.enter_request left them for `email`, taken from inside its transaction. */
async function signedSettingsOf(email: string, sql: Client = db.owner): Promise<Record<string, string>> {
  return asMember(email, async () => readSettings(sql), sql);
}

async function readSettings(sql: Client): Promise<Record<string, string>> {
  const names = SIGNED.flatMap((name) => [name, `${name}_mac`]);
  const { rows } = await sql.query("SELECT name, current_setting('app.' || name, true) AS value FROM unnest($1::text[]) name", [names]);
  return Object.fromEntries(rows.map((r: { name: string; value: string }) => [r.name, r.value]));
}

async function setAll(sql: Client, settings: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(settings)) await sql.query("SELECT set_config('app.' || $1, $2, true)", [name, value]);
}

/** What the runtime role can reach with the context it has now. */
async function reach(sql: Client) {
  const { rows } = await sql.query(`
    SELECT (SELECT count(*)::int FROM clients) AS clients,
           (SELECT count(*)::int FROM partner_contracts) AS contracts,
           (SELECT count(*)::int FROM audit_log) AS audit_entries,
           app.current_user_id() AS user_id, app.acting_tenant_id() AS tenant_id, app.acting_membership_id() AS membership_id,
           app.request_id() AS request_id, app.visible_tenant_ids() AS visible, app.writable_tenant_ids() AS writable,
           app.profile_tenant_ids() AS profile`);
  return rows[0];
}

const NOTHING = {
  clients: 0,
  contracts: 0,
  audit_entries: 0,
  user_id: null,
  tenant_id: null,
  membership_id: null,
  request_id: null,
  visible: [],
  writable: [],
  profile: [],
};

describe("the tenant context the runtime role could write itself", () => {
  it("a request entered through app.enter_request reads its own tenant and names who acts", async () => {
    const reached = await asMember("president@cn-sz.demo", reach);
    expect(reached).toMatchObject({ user_id: user("president@cn-sz.demo"), tenant_id: tenant("CN-SZ"), request_id: "request-of-president@cn-sz.demo" });
    expect(reached.visible).toEqual([tenant("CN-SZ")]);
    expect(reached.clients).toBeGreaterThan(0);
  });

  it.each([...SIGNED, ...LEGACY])("set_config('app.%s', …) of head office's values grants nothing", async (name) => {
    const hq = await signedSettingsOf("president@hq.demo");
    const forged: Record<string, string> = {
      ...Object.fromEntries(SIGNED.map((n) => [n, hq[n]])),
      visible_tenant_ids: `{${everyTenant.join(",")}}`,
      writable_tenant_ids: `{${everyTenant.join(",")}}`,
      user_id: user("president@hq.demo"),
      tenant_id: tenant("HQ"),
      membership_id: randomUUID(),
      request_id: "forged",
    };
    await withRuntimeContext(db.owner, {}, async (sql) => {
      await sql.query("SELECT set_config('app.' || $1, $2, true)", [name, forged[name]]);
      expect(await reach(sql)).toEqual(NOTHING);
    });
    // Inside a real request, a forged setting only takes away what the request had.
    await asMember("president@cn-sz.demo", async (sql) => {
      await sql.query("SELECT set_config('app.' || $1, $2, true)", [name, forged[name]]);
      const reached = await reach(sql);
      expect(reached.visible.every((id: string) => id === tenant("CN-SZ"))).toBe(true);
      expect([null, tenant("CN-SZ")]).toContain(reached.tenant_id);
    });
  });

  it("SET LOCAL of every setting, signed ones and MACs included, grants nothing", async () => {
    const hq = await signedSettingsOf("president@hq.demo");
    await withRuntimeContext(db.owner, {}, async (sql) => {
      for (const [name, value] of Object.entries(hq)) await sql.query(`SET LOCAL app.${name} = ${sql.escapeLiteral(value)}`);
      await sql.query(`SET LOCAL app.visible_tenant_ids = ${sql.escapeLiteral(`{${everyTenant.join(",")}}`)}`);
      expect(await reach(sql)).toEqual(NOTHING);
    });
  });

  it("a signed context copied into a later transaction of the same connection grants nothing", async () => {
    const hq = await signedSettingsOf("president@hq.demo");
    await withRuntimeContext(db.owner, {}, async (sql) => {
      await setAll(sql, hq);
      expect(await reach(sql)).toEqual(NOTHING);
    });
    await asMember("president@cn-sz.demo", async (sql) => {
      await setAll(sql, hq);
      expect((await reach(sql)).visible).toEqual([]);
    });
  });

  it("a signed context copied into another connection while its own transaction is still open grants nothing", async () => {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await asMember("president@hq.demo", async (sql) => {
        const hq = await readSettings(sql);
        expect((await reach(sql)).visible.length).toBe(everyTenant.length);
        await withRuntimeContext(other, {}, async (otherSql) => {
          await setAll(otherSql, hq);
          expect(await reach(otherSql)).toEqual(NOTHING);
        });
      });
    } finally {
      await other.end();
    }
  });

  it("a signed value moved under another setting's name grants nothing (the profile's ancestors never become visible)", async () => {
    await asMember("president@cn-sh.demo", async (sql) => {
      const own = await readSettings(sql);
      expect((await reach(sql)).profile).toEqual(expect.arrayContaining([tenant("HQ"), tenant("CN")]));
      await setAll(sql, { visible_tenant_ids: own.profile_tenant_ids, visible_tenant_ids_mac: own.profile_tenant_ids_mac });
      expect(await reach(sql)).toMatchObject({ clients: 0, audit_entries: 0, visible: [] });
    });
  });

  it("changing who acts takes every tenant set away, so nothing is written under an identity the audit trail would not record", async () => {
    await asMember("staff@cn-sh.demo", async (sql) => {
      const own = await readSettings(sql);
      const anonymous = own.context.replace(user("staff@cn-sh.demo"), "NULL");
      await sql.query("SELECT set_config('app.context', $1, true)", [anonymous]);
      expect(await reach(sql)).toEqual(NOTHING);
      await expect(
        sql.query("INSERT INTO clients (tenant_id, name, created_by) VALUES ($1, 'Unrecorded', $2)", [tenant("CN-SH"), user("staff@cn-sh.demo")]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it("the audit trail records the membership, user, tenant and request enter_request established, whatever the runtime role sets", async () => {
    const { rows } = await asMember("staff@cn-sh.demo", async (sql) => {
      await setAll(sql, { user_id: user("president@hq.demo"), tenant_id: tenant("HQ"), membership_id: randomUUID(), request_id: "forged" });
      await sql.query("INSERT INTO clients (tenant_id, name, created_by) VALUES ($1, 'Audited', $2)", [tenant("CN-SH"), user("staff@cn-sh.demo")]);
      return sql.query(
        `SELECT a.actor_user_id, a.membership_id, a.acting_tenant_id, a.request_id, m.id AS staff_membership
           FROM audit_log a, memberships m
          WHERE a.target_type = 'clients' AND a.after ->> 'name' = 'Audited' AND m.user_id = a.actor_user_id`,
      );
    });
    expect(rows).toEqual([
      {
        actor_user_id: user("staff@cn-sh.demo"),
        membership_id: rows[0].staff_membership,
        acting_tenant_id: tenant("CN-SH"),
        request_id: "request-of-staff@cn-sh.demo",
        staff_membership: rows[0].staff_membership,
      },
    ]);
  });

  it("a MAC made with any key but the database's grants nothing", async () => {
    await withRuntimeContext(db.owner, {}, async (sql) => {
      const zeros = "\\x" + "00".repeat(64);
      const context = `{${user("president@hq.demo")},${randomUUID()},${tenant("HQ")},PRESIDENT,MANAGEMENT,forged}`;
      const { rows } = await sql.query("SELECT encode(app.hmac_sha256($1, $1, app.context_message('context', $2)), 'hex') AS mac", [zeros, context]);
      await setAll(sql, { context, context_mac: rows[0].mac });
      expect(await reach(sql)).toEqual(NOTHING);
    });
  });
});

describe("the machinery of the context, as the runtime role", () => {
  it.each([
    ["app.enter_request", "SELECT * FROM app.enter_request($1, 'HQ', 'forged')", [user("president@hq.demo")]],
    ["app.establish_context", "SELECT app.establish_context($1, NULL, $2, 'PRESIDENT', 'MANAGEMENT', 'forged', $3, $3, $3)", [user("president@hq.demo"), tenant("HQ"), [tenant("HQ")]]],
    ["reading the key", "SELECT * FROM app.context_key", []],
    ["replacing the key", "UPDATE app.context_key SET inner_pad = inner_pad", []],
    ["adding a key", "INSERT INTO app.context_key (only_row, inner_pad, outer_pad) VALUES (false, '\\x00', '\\x00')", []],
    ["deleting the key", "DELETE FROM app.context_key", []],
    ["truncating the key", "TRUNCATE app.context_key", []],
    ["changing the key's table", "ALTER TABLE app.context_key DROP CONSTRAINT context_key_pkey", []],
    ["redefining the verifier", "CREATE OR REPLACE FUNCTION app.verified_setting(name text) RETURNS text LANGUAGE sql AS $$ SELECT current_setting('app.' || name) $$", []],
    ["redefining a reader", "CREATE OR REPLACE FUNCTION app.visible_tenant_ids() RETURNS uuid[] LANGUAGE sql AS $$ SELECT '{}'::uuid[] $$", []],
    ["adding a function to app", "CREATE FUNCTION app.my_reader() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$", []],
    ["changing a reader's owner", "ALTER FUNCTION app.verified_setting(text) OWNER TO linkpass_app", []],
    ["changing a policy", "ALTER POLICY tenant_read ON clients USING (true)", []],
  ])("%s is refused", async (_label, statement, params) => {
    await expect(asMember("president@cn-sz.demo", (sql) => sql.query(statement as string, params as unknown[]))).rejects.toThrow(
      /permission denied|must be owner/,
    );
  });

  it("no function nor policy reads a context setting raw: only the verifier (and the unsigned operation name of the audit trail)", async () => {
    const { rows: functions } = await db.owner.query(`
      SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname IN ('app', 'public') AND p.prosrc ~ 'current_setting\\(''app\\.(?!operation'')'`);
    expect(functions.map((f: { name: string }) => f.name).sort()).toEqual(["app.context_message(text,text)", "app.verified_setting(text)"]);
    const { rows: policies } = await db.owner.query(
      "SELECT tablename, policyname FROM pg_policies WHERE coalesce(qual, '') || coalesce(with_check, '') ~ 'current_setting'",
    );
    expect(policies).toEqual([]);
  });

  it("the MAC is HMAC-SHA256 (RFC 2104) under the database's key, over the setting, the backend, the transaction and the value", async () => {
    const [{ inner_pad: innerPad }] = (await db.owner.query("SELECT inner_pad FROM app.context_key")).rows;
    const key = Buffer.from((innerPad as Buffer).map((byte) => byte ^ 0x36)).subarray(0, 32);
    const hex = (text: string) => createHash("sha256").update(text).digest("hex");
    await asMember("president@cn-sh.demo", async (sql) => {
      const settings = await readSettings(sql);
      const { rows } = await sql.query("SELECT pg_backend_pid() AS pid, (extract(epoch FROM now()) * 1000000)::bigint::text AS started");
      const message = (name: string, binding: string) => [name, rows[0].pid, rows[0].started, binding, hex(settings[name])].join("\n");
      const mac = (name: string, binding: string) => createHmac("sha256", key).update(message(name, binding)).digest("hex");
      expect(settings.context_mac).toBe(mac("context", ""));
      expect(settings.visible_tenant_ids_mac).toBe(mac("visible_tenant_ids", hex(`${settings.context}\n${settings.context_mac}`)));
    });
  });
});
