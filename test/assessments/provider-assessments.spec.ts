import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { admittedPartner, registerPartner } from "../support/partner-network";

const t = useTestApp();

const RECORD = `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) {
  weightedScore grade passed consecutiveFailures consequence provider { code } assessedBy { email } } }`;
const SCHEME = `{ assessmentScheme { qualityWeight efficiencyWeight satisfactionWeight fulfilmentWeight grade1Min grade2Min grade3Min passMin
  failuresForRectification failuresForTerminationReview definedBy { code } } }`;
const SET_SCHEME = `mutation($input: SetAssessmentSchemeInput!) { setAssessmentScheme(input: $input) { qualityWeight definedBy { code } } }`;
const DEFAULT = {
  qualityWeight: 30, efficiencyWeight: 20, satisfactionWeight: 30, fulfilmentWeight: 20,
  grade1Min: 90, grade2Min: 80, grade3Min: 70, passMin: 70, failuresForRectification: 2, failuresForTerminationReview: 3,
};
const scores = (score: number) => ({ quality: score, efficiency: score, satisfaction: score, fulfilmentRate: score });
let quarter = 0;
/** Consecutive quarters from 2030 on, so each new assessment follows the previous one. */
function nextPeriod() {
  const year = 2030 + Math.floor(quarter / 4);
  const q = quarter++ % 4;
  const from = `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  const until = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][q];
  return { periodFrom: from, periodUntil: until };
}
const grade = async (id: string) => (await t.database.owner.query("SELECT provider_grade FROM tenants WHERE id = $1", [id])).rows[0].provider_grade;
const countAssessments = async (id: string) => (await t.database.owner.query("SELECT count(*)::int AS n FROM provider_assessments WHERE tenant_id = $1", [id])).rows[0].n;

describe("assessment schemes", () => {
  it("without any scheme in the chain, the documented default applies", async () => {
    expect((await t.as("president@cn-sh.demo").data(SCHEME)).assessmentScheme).toEqual({ ...DEFAULT, definedBy: null });
  });

  it.each([
    ["weights not summing to 100", { qualityWeight: 40 }],
    ["thresholds not descending", { grade2Min: 95 }],
    ["grade 1 above 100", { grade1Min: 101 }],
    ["termination review not after rectification", { failuresForTerminationReview: 2 }],
    ["a negative weight", { qualityWeight: -10, efficiencyWeight: 60 }],
  ])("%s is BAD_USER_INPUT and stores nothing", async (_name, override) => {
    expect(errorCode(await t.as("president@cn.demo").query(SET_SCHEME, { input: { ...DEFAULT, ...override } }))).toBe("BAD_USER_INPUT");
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM assessment_schemes")).rows[0].n).toBe(0);
  });

  it.each([
    ["staff@cn-sh.demo", "level 4"],
    ["finance@cn.demo", "level 3"],
    ["auditor@hq.demo", "an auditor"],
    ["admin@cn-sh-cert.demo", "a partner"],
  ])("%s (%s) may not set a scheme", async (email) => {
    expect(errorCode(await t.as(email).query(SET_SCHEME, { input: DEFAULT }))).toBe("FORBIDDEN");
  });

  it("a national centre's scheme is inherited by its city centres until they set their own; siblings' countries keep the default", async () => {
    const national = { ...DEFAULT, qualityWeight: 40, efficiencyWeight: 10 };
    expect((await t.as("president@cn.demo").data(SET_SCHEME, { input: national })).setAssessmentScheme).toEqual({ qualityWeight: 40, definedBy: { code: "CN" } });
    expect((await t.as("president@cn-sh.demo").data(SCHEME)).assessmentScheme).toMatchObject({ qualityWeight: 40, definedBy: { code: "CN" } });
    expect((await t.as("president@my.demo").data(SCHEME)).assessmentScheme).toMatchObject({ qualityWeight: 30, definedBy: null });
    await t.as("president@cn-sh.demo").data(SET_SCHEME, { input: { ...DEFAULT, qualityWeight: 25, efficiencyWeight: 25 } });
    expect((await t.as("president@cn-sh.demo").data(SCHEME)).assessmentScheme).toMatchObject({ qualityWeight: 25, definedBy: { code: "CN-SH" } });
    // Setting it again replaces the centre's one row.
    await t.as("president@cn-sh.demo").data(SET_SCHEME, { input: DEFAULT });
    expect((await t.as("president@cn-sh.demo").data(SCHEME)).assessmentScheme).toMatchObject({ qualityWeight: 30, definedBy: { code: "CN-SH" } });
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM assessment_schemes WHERE tenant_id = $1", [demoId("tenant", "CN-SH")])).rows[0].n).toBe(1);
  });
});

describe("recording assessments", () => {
  // CN-SZ grades with the default weights whatever CN set above.
  beforeAll(() => t.as("president@cn-sz.demo").data(SET_SCHEME, { input: DEFAULT }));

  it("the centre's scores give the weighted score and grade, and the provider's grade follows the latest", async () => {
    const { id } = await admittedPartner(t, "president@cn-sz.demo", "SZ-GRADED");
    const recorded = (await t.as("president@cn-sz.demo").data(RECORD, { input: { providerId: id, ...nextPeriod(), quality: 95, efficiency: 90, satisfaction: 92, fulfilmentRate: 96 } })).recordAssessment;
    expect(recorded).toEqual({ weightedScore: 93.3, grade: 1, passed: true, consecutiveFailures: 0, consequence: "NONE", provider: { code: "SZ-GRADED" }, assessedBy: { email: "president@cn-sz.demo" } });
    expect(await grade(id)).toBe(1);
    await t.as("president@cn-sz.demo").data(RECORD, { input: { providerId: id, ...nextPeriod(), ...scores(79.99) } });
    expect(await grade(id)).toBe(3);
  });

  it("consecutive failures: rectification at the second, termination review at the third, a pass resets the run", async () => {
    const { id } = await admittedPartner(t, "president@cn-sz.demo", "SZ-FAILING");
    const record = async (score: number) =>
      (await t.as("president@cn-sz.demo").data(RECORD, { input: { providerId: id, ...nextPeriod(), ...scores(score) } })).recordAssessment;
    expect(await record(60)).toMatchObject({ passed: false, consecutiveFailures: 1, consequence: "NONE", grade: 4 });
    expect(await record(69.99)).toMatchObject({ consecutiveFailures: 2, consequence: "RECTIFICATION" });
    expect(await record(10)).toMatchObject({ consecutiveFailures: 3, consequence: "TERMINATION_REVIEW" });
    expect(await record(70)).toMatchObject({ passed: true, consecutiveFailures: 0, consequence: "NONE", grade: 3 });
    expect(await record(65)).toMatchObject({ consecutiveFailures: 1, consequence: "NONE" });
  });

  it("the national centre assesses its affiliated company with its own scheme", async () => {
    const recorded = (await t.as("president@cn.demo").data(RECORD, { input: { providerId: demoId("tenant", "CN-IT"), periodFrom: "2026-04-01", periodUntil: "2026-06-30", ...scores(85) } })).recordAssessment;
    expect(recorded).toMatchObject({ grade: 2, provider: { code: "CN-IT" } });
  });

  it.each([
    ["president@cn.demo", "FORBIDDEN", "the grandparent reads but does not assess"],
    ["president@cn-sz.demo", "NOT_FOUND", "a sibling centre sees nothing"],
    ["president@my.demo", "NOT_FOUND", "another country sees nothing"],
    ["staff@cn-sh.demo", "FORBIDDEN", "level 4 of the parent"],
    ["auditor@hq.demo", "FORBIDDEN", "an auditor"],
    ["admin@cn-sh-cert.demo", "FORBIDDEN", "the partner itself"],
  ])("%s may not assess CN-SH-CERT (%s: %s)", async (email, code) => {
    const cert = demoId("tenant", "CN-SH-CERT");
    const before = await countAssessments(cert);
    expect(errorCode(await t.as(email).query(RECORD, { input: { providerId: cert, periodFrom: "2026-04-01", periodUntil: "2026-06-30", ...scores(99) } }))).toBe(code);
    expect(await countAssessments(cert)).toBe(before);
    expect(await grade(cert)).toBe(1);
  });

  it("a centre that is not a provider is NOT_FOUND as a provider", async () => {
    expect(errorCode(await t.as("president@cn.demo").query(RECORD, { input: { providerId: demoId("tenant", "CN-SH"), ...nextPeriod(), ...scores(90) } }))).toBe("NOT_FOUND");
  });

  it.each([
    ["an impossible date", { periodFrom: "2026-02-30", periodUntil: "2026-03-31" }],
    ["a period ending before it starts", { periodFrom: "2026-06-01", periodUntil: "2026-05-31" }],
    ["a date in another format", { periodFrom: "01/04/2026", periodUntil: "2026-06-30" }],
    ["a score above 100", { periodFrom: "2026-04-01", periodUntil: "2026-06-30", quality: 100.5 }],
    ["a negative score", { periodFrom: "2026-04-01", periodUntil: "2026-06-30", efficiency: -1 }],
  ])("%s is BAD_USER_INPUT and records nothing", async (_name, override) => {
    const cert = demoId("tenant", "CN-SH-CERT");
    const before = await countAssessments(cert);
    expect(errorCode(await t.as("president@cn-sh.demo").query(RECORD, { input: { providerId: cert, ...scores(80), ...override } }))).toBe("BAD_USER_INPUT");
    expect(await countAssessments(cert)).toBe(before);
  });

  it("periods are assessed in order: one ending before the latest, or the same period twice, is CONFLICT", async () => {
    const cert = demoId("tenant", "CN-SH-CERT");
    const earlier = { providerId: cert, periodFrom: "2025-07-01", periodUntil: "2025-09-30", ...scores(80) };
    expect(errorCode(await t.as("president@cn-sh.demo").query(RECORD, { input: earlier }))).toBe("CONFLICT");
    const same = { providerId: cert, periodFrom: "2026-01-01", periodUntil: "2026-03-31", ...scores(80) };
    expect(errorCode(await t.as("president@cn-sh.demo").query(RECORD, { input: same }))).toBe("CONFLICT");
    expect(await grade(cert)).toBe(1);
  });

  it("a terminated provider is no longer assessed (CONFLICT)", async () => {
    const { id } = await registerPartner(t, "president@cn-sz.demo", "SZ-GONE");
    await t.as("president@cn-sz.demo").data(`mutation($id: ID!) { terminatePartner(id: $id, reason: "Closed") { status } }`, { id });
    expect(errorCode(await t.as("president@cn-sz.demo").query(RECORD, { input: { providerId: id, ...nextPeriod(), ...scores(90) } }))).toBe("CONFLICT");
    expect(await countAssessments(id)).toBe(0);
  });
});
