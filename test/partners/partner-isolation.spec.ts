import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { asRuntimeRole } from "../support/runtime-role";
import { FILE, PARTNER_CARD, SUBMIT_FILE } from "../support/partner-network";

const t = useTestApp();

const CERT = demoId("tenant", "CN-SH-CERT");
const IT = demoId("tenant", "CN-IT");
const PARTNERS = `{ partners(first: 100) { totalCount edges { node { id tenant { code } } } } }`;
const ASSESSMENTS = `{ assessments(first: 100) { totalCount edges { node { provider { code } grade } } } }`;
const partnerCodes = async (email: string) => (await t.as(email).data(PARTNERS)).partners.edges.map((e: any) => e.node.tenant.code).sort();
const assessedCodes = async (email: string) => (await t.as(email).data(ASSESSMENTS)).assessments.edges.map((e: any) => e.node.provider.code).sort();

describe("who reads partner archives and assessments", () => {
  it.each([
    ["admin@cn-sh-cert.demo", ["CN-SH-CERT"], ["CN-SH-CERT", "CN-SH-CERT"]],
    ["president@cn-sh.demo", ["CN-SH-CERT"], ["CN-SH-CERT", "CN-SH-CERT"]],
    ["staff@cn-sh.demo", ["CN-SH-CERT"], ["CN-SH-CERT", "CN-SH-CERT"]],
    ["president@cn.demo", ["CN-SH-CERT"], ["CN-IT", "CN-SH-CERT", "CN-SH-CERT"]],
    ["auditor@hq.demo", ["CN-SH-CERT"], ["CN-IT", "CN-SH-CERT", "CN-SH-CERT"]],
    ["admin@cn-it.demo", [], ["CN-IT"]],
    ["president@cn-sz.demo", [], []],
    ["consultant@cn-sz.demo", [], []],
    ["president@my.demo", [], []],
    ["consultant@my-kl.demo", [], []],
  ])("%s lists partners %j and assessments of %j", async (email, partners, assessed) => {
    expect(await partnerCodes(email)).toEqual(partners);
    expect(await assessedCodes(email)).toEqual(assessed);
  });

  it("a partner sees only itself: another partner's id answers null, as a missing one does", async () => {
    const other = (await t.as("president@cn-sz.demo").data(`mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`, {
      input: { code: "SZ-OTHER", name: "Other", partnerType: "SUPPLIER", serviceScope: "Paper", registrationNumber: "R", legalRepresentative: "L",
        adminEmail: "admin@sz-other.test", adminDisplayName: "A", adminPassword: "demo-password" },
    })).registerPartner.id;
    expect((await t.as("admin@cn-sh-cert.demo").data(PARTNER_CARD, { id: other })).partner).toBeNull();
    expect((await t.as("admin@cn-sh-cert.demo").data(PARTNER_CARD, { id: demoId("tenant", "nowhere") })).partner).toBeNull();
    expect((await t.as("admin@sz-other.test").data(PARTNER_CARD, { id: CERT })).partner).toBeNull();
    expect(await partnerCodes("admin@sz-other.test")).toEqual(["SZ-OTHER"]);
    expect(await partnerCodes("president@cn-sh.demo")).toEqual(["CN-SH-CERT"]);
    expect((await t.as("admin@cn-sh-cert.demo").data(`query($p: ID) { assessments(providerId: $p) { totalCount } }`, { p: IT })).assessments.totalCount).toBe(0);
  });

  it("the demo archive: CN-SH-CERT admitted, grade 1, an approved admission file and a re-review under way, a failed quarter then a pass", async () => {
    const card = (await t.as("admin@cn-sh-cert.demo").data(PARTNER_CARD, { id: CERT })).partner;
    expect(card).toMatchObject({ id: CERT, status: "ACTIVE", grade: 1, reviewDue: false, admittedAt: expect.any(String) });
    expect(card.qualifications.map((q: any) => `${q.purpose}:${q.status}`)).toEqual(["ADMISSION:APPROVED", "RE_REVIEW:SUBMITTED"]);
    expect(card.assessments.map((a: any) => a.grade)).toEqual([4, 1]);
    expect((await t.as("president@cn.demo").data(`query($p: ID) { assessments(providerId: $p) { edges { node { grade assessedByCentre { code } } } } }`, { p: IT }))
      .assessments.edges).toEqual([{ node: { grade: 2, assessedByCentre: { code: "CN" } } }]);
  });

  it("the archive card holds the partner's contracts, fee settlements and complaints, for the partner and its centre, never a sibling", async () => {
    const HISTORY = `query($id: ID!) { partner(id: $id) { contracts { title status } feeSettlements { status amountMinor } complaints { subject status } } }`;
    const card = (await t.as("admin@cn-sh-cert.demo").data(HISTORY, { id: CERT })).partner;
    expect(card.contracts.length).toBeGreaterThanOrEqual(2);
    expect(card.contracts.map((c: any) => c.status)).toEqual(expect.arrayContaining(["LEGAL_REVIEW", "SIGNED"]));
    expect(card.feeSettlements.map((f: any) => f.status)).toEqual(expect.arrayContaining(["PAID", "APPLIED"]));
    expect(card.complaints.map((c: any) => c.status)).toEqual(expect.arrayContaining(["OPEN", "RESOLVED"]));
    expect((await t.as("staff@cn-sh.demo").data(HISTORY, { id: CERT })).partner).toEqual(card);
    expect((await t.as("president@cn-sz.demo").data(HISTORY, { id: CERT })).partner).toBeNull();
  });

  it("filters: status, type, grade and review due", async () => {
    const codes = async (args: string) =>
      (await t.as("president@cn-sh.demo").data(`{ partners(${args}) { edges { node { tenant { code } } } } }`)).partners.edges.map((e: any) => e.node.tenant.code);
    expect(await codes("status: ACTIVE, partnerType: CERTIFICATION_BODY, grade: 1, reviewDue: false")).toEqual(["CN-SH-CERT"]);
    expect(await codes("grade: 2")).toEqual([]);
    expect(await codes("reviewDue: true")).toEqual([]);
    await t.database.owner.query("UPDATE partner_profiles SET next_review_due = current_date WHERE tenant_id = $1", [CERT]);
    expect(await codes("reviewDue: true")).toEqual(["CN-SH-CERT"]);
  });

  it("a parent reads its partner's qualification file but never submits nor rewrites one", async () => {
    expect((await t.as("president@cn-sh.demo").data(PARTNER_CARD, { id: CERT })).partner.qualifications).toHaveLength(2);
    expect(errorCode(await t.as("president@cn-sh.demo").query(SUBMIT_FILE, { input: FILE }))).toBe("FORBIDDEN");
  });
});

describe("the column guards, in SQL as the runtime role", () => {
  /** Runs `statement` as linkpass_app acting for `tenant` (writable), then rolls back. */
  const runAs = (tenant: string, statement: string, params: unknown[] = []) =>
    asRuntimeRole(t.database.owner, tenant, null, (sql) => sql.query(statement, params));

  it("acting for CN-SH, rewriting CN-SH-CERT's licence is refused (42501); the decision columns are the parent's", async () => {
    const shanghai = demoId("tenant", "CN-SH");
    await expect(runAs(shanghai, "UPDATE partner_qualifications SET licence = 'forged' WHERE tenant_id = $1", [CERT])).rejects.toMatchObject({ code: "42501" });
    const decided = await runAs(shanghai, "UPDATE partner_qualifications SET status = status, decided_at = decided_at WHERE tenant_id = $1", [CERT]);
    expect(decided.rowCount).toBe(2);
  });

  it("the partner itself cannot rewrite a submitted file's content either, nor its own status and grade", async () => {
    await expect(runAs(CERT, "UPDATE partner_qualifications SET team = 'other' WHERE tenant_id = $1", [CERT])).rejects.toMatchObject({ code: "42501" });
    await expect(runAs(CERT, "UPDATE partner_profiles SET status_reason = 'x' WHERE tenant_id = $1", [CERT])).rejects.toMatchObject({ code: "42501" });
    expect((await runAs(CERT, "UPDATE tenants SET provider_grade = 1 WHERE id = $1", [CERT])).rowCount).toBe(0);
  });

  it("a sibling centre updates nothing of CN-SH-CERT", async () => {
    const shenzhen = demoId("tenant", "CN-SZ");
    expect((await runAs(shenzhen, "UPDATE partner_profiles SET status_reason = 'x' WHERE tenant_id = $1", [CERT])).rowCount).toBe(0);
    expect((await runAs(shenzhen, "UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1", [CERT])).rowCount).toBe(0);
  });
});
