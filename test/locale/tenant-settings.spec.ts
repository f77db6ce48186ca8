import { REGISTER, registration } from "../support/partner-network";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const SETTINGS = "{ tenants(first: 100) { edges { node { code timeZone locale countryCode } } } }";
const UPDATE = "mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { code timeZone locale countryCode } }";

const settingsOf = async (email: string) =>
  Object.fromEntries(
    (await t.as(email).data(SETTINGS)).tenants.edges.map(({ node }: any) => [node.code, { timeZone: node.timeZone, locale: node.locale, countryCode: node.countryCode }]),
  );

describe("each tenant's time zone, locale and holiday country", () => {
  it("the demo network: China's subtree and head office in Asia/Shanghai (zh-CN), Malaysia's in Asia/Kuala_Lumpur (en)", async () => {
    const china = { timeZone: "Asia/Shanghai", locale: "zh-CN", countryCode: "CN" };
    const malaysia = { timeZone: "Asia/Kuala_Lumpur", locale: "en", countryCode: "MY" };
    expect(await settingsOf("president@hq.demo")).toEqual({
      HQ: china,
      CN: china,
      "CN-SH": china,
      "CN-SZ": china,
      "CN-IT": china,
      "CN-SH-CERT": china,
      MY: malaysia,
      "MY-KL": malaysia,
    });
  });

  it("a new tenant inherits its parent's settings", async () => {
    const { rows } = await t.database.owner.query("UPDATE tenants SET time_zone = 'Asia/Urumqi', locale = 'zh-TW' WHERE code = 'CN-SZ' RETURNING id");
    await t.as("president@cn-sz.demo").data(REGISTER, { input: registration("SZ-TZ", "admin@sz-tz.test") });
    const [partner] = (await t.database.owner.query("SELECT time_zone, locale, country_code, parent_id FROM tenants WHERE code = 'SZ-TZ'")).rows;
    expect(partner).toEqual({ time_zone: "Asia/Urumqi", locale: "zh-TW", country_code: "CN", parent_id: rows[0].id });
    await t.database.owner.query("UPDATE tenants SET time_zone = 'Asia/Shanghai', locale = 'zh-CN' WHERE code = 'CN-SZ'");
  });

  it("the president sets the tenant's own settings; fields left out keep their value", async () => {
    const response = await t.as("president@my.demo").data(UPDATE, { input: { locale: "zh-CN" } });
    expect(response.updateTenantSettings).toEqual({ code: "MY", timeZone: "Asia/Kuala_Lumpur", locale: "zh-CN", countryCode: "MY" });
    const changed = await t.as("president@my.demo").data(UPDATE, { input: { timeZone: "Asia/Singapore", locale: "en" } });
    expect(changed.updateTenantSettings).toEqual({ code: "MY", timeZone: "Asia/Singapore", locale: "en", countryCode: "MY" });
    await t.as("president@my.demo").data(UPDATE, { input: { timeZone: "Asia/Kuala_Lumpur" } });
    const { rows } = await t.database.owner.query(
      `SELECT a.after ->> 'time_zone' AS time_zone, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id
        WHERE a.operation = 'mutation updateTenantSettings' AND a.target_type = 'tenant_settings_changes' ORDER BY a.at`,
    );
    expect(rows).toEqual([
      { time_zone: "Asia/Kuala_Lumpur", email: "president@my.demo" },
      { time_zone: "Asia/Singapore", email: "president@my.demo" },
      { time_zone: "Asia/Kuala_Lumpur", email: "president@my.demo" },
    ]);
  });

  it.each([
    [{ timeZone: "Asia/Atlantis" }, "timeZone"],
    [{ timeZone: "+08:00" }, "timeZone"],
    [{ locale: "fr" }, "locale"],
    [{ countryCode: "XX" }, "countryCode"],
  ])("%j is BAD_USER_INPUT on %s, and nothing changes", async (input, field) => {
    const response = await t.as("president@cn.demo").query(UPDATE, { input });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect((response.errors![0].extensions as any).fields.map((f: any) => f.field)).toEqual([field]);
    expect((await settingsOf("president@cn.demo")).CN).toEqual({ timeZone: "Asia/Shanghai", locale: "zh-CN", countryCode: "CN" });
  });

  it.each(["staff@cn-sh.demo", "auditor@hq.demo", "finance@cn.demo", "consultant@cn-sh.demo"])("%s may not change the settings", async (email) => {
    expect(errorCode(await t.as(email).query(UPDATE, { input: { locale: "en" } }))).toBe("FORBIDDEN");
  });

  it("inside a request, a tenant changes only its own row's settings, and nobody else's settings", async () => {
    // Each attempt runs inside CN's acting context and is rolled back, answering how many rows it changed.
    const changedRows = async (statement: string) => {
      const attempt = t.database.owner.query(`
        DO $$ DECLARE cn uuid := (SELECT id FROM tenants WHERE code = 'CN'); changed int;
        BEGIN
          PERFORM app.establish_context((SELECT id FROM users WHERE email = 'president@cn.demo'), NULL, cn, 'PRESIDENT', 'MANAGEMENT', 'probe', ARRAY[cn], ARRAY[cn], ARRAY[cn]);
          ${statement};
          GET DIAGNOSTICS changed = ROW_COUNT;
          RAISE EXCEPTION 'changed=%', changed;
        END $$`);
      return Number(/changed=(\d+)/.exec(String(await attempt.catch((error) => error.message)))?.[1]);
    };
    expect(await changedRows("UPDATE tenants SET status = 'SUSPENDED', locale = 'en' WHERE code = 'CN'")).toBe(0);
    expect(await changedRows("UPDATE tenants SET status = 'SUSPENDED' WHERE code = 'CN'")).toBe(0);
    expect(await changedRows("UPDATE tenants SET locale = 'en' WHERE code = 'CN'")).toBe(1);
    await expect(t.database.owner.query(`
        DO $$ DECLARE cn uuid := (SELECT id FROM tenants WHERE code = 'CN');
        BEGIN
          PERFORM app.establish_context((SELECT id FROM users WHERE email = 'president@cn.demo'), NULL, cn, 'PRESIDENT', 'MANAGEMENT', 'probe', ARRAY[cn], ARRAY[cn], ARRAY[cn]);
          UPDATE tenants SET locale = 'en' WHERE code = 'CN-IT';
        END $$`)).rejects.toThrow(/tenant itself/);
  });
});
