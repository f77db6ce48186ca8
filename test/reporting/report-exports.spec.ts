import { parse as parseCsv } from "csv-parse/sync";
import { REGISTER, registration } from "../support/partner-network";
import { useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const HYPERLINK = '=HYPERLINK("http://evil.example","x")';
/** Tenant names a spreadsheet would run as formulas, one per trigger character (OWASP CSV injection). */
const FORMULA_NAMES: Record<string, string> = {
  "CN-SH": "+SUM(1,2)",
  "CN-SZ": "-2+3+cmd|' /C calc'!A0",
  "MY-KL": "@SUM(1,1)",
  "CN-IT": "\t=1+1",
  "CN-SH-CERT": "\r=1+1",
};

const download = async (report: string) => {
  const response = await fetch(`http://127.0.0.1:${t.app.port}/reports/${report}.csv`, {
    headers: { authorization: `Bearer ${await t.login("president@hq.demo")}` },
  });
  expect(response.status).toBe(200);
  const [header, ...lines] = parseCsv(await response.text(), { bom: true }) as string[][];
  return lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]])));
};

describe("spreadsheet exports", () => {
  beforeAll(async () => {
    await t.as("president@cn-sh.demo").data(REGISTER, { input: { ...registration("SH-EVIL", "admin@sh-evil.test"), name: HYPERLINK } });
    for (const [code, name] of Object.entries(FORMULA_NAMES)) await t.database.owner.query("UPDATE tenants SET name = $1 WHERE code = $2", [name, code]);
  });
  const expected = { "SH-EVIL": HYPERLINK, ...FORMULA_NAMES };

  it.each(["network-report", "kpi-status"])("%s.csv shows a name that begins like a formula as text, never as a formula", async (report) => {
    const lines = await download(report);
    for (const [code, name] of Object.entries(expected)) {
      const names = lines.filter((line) => line.tenant_code === code).map((line) => line.tenant_name);
      expect(names.length).toBeGreaterThan(0);
      for (const shown of names) expect(shown).toBe(`'${name}`);
    }
    expect(lines.some((line) => Object.values(line).some((cell) => /^[=+\-@\t\r]/.test(cell)))).toBe(false);
  });

  it("figures stay plain numbers", async () => {
    const totals = (await download("network-report")).find((line) => line.tenant_code === "TOTAL")!;
    expect(totals.clients).toMatch(/^\d+$/);
    expect(Number(totals.clients)).toBeGreaterThan(0);
  });
});
