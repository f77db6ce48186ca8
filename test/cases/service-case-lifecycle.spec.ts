import { workingCalendar } from "../../src/modules/calendars/working-calendar";
import { DEFAULT_RESPONSE_TARGET_HOURS, responseDueAt } from "../../src/modules/cases/response-targets";
import { ServiceTier } from "../../src/modules/cases/service-step";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp();
/** The consultant of CN-SH, who runs every case of this file. */
const consultant = t.as("consultant@cn-sh.demo");
let consultantId: string;
let clientId: string;

beforeAll(async () => {
  consultantId = (await consultant.query("{ me { user { id } } }")).data.me.user.id;
  const created = await consultant.query(`mutation { createClient(input: { name: "Lifecycle Test Co", industry: "Retail", needs: "ISO 9001 readiness" }) { id } }`);
  clientId = created.data.createClient.id;
});

const advance = (id: string, to: string, note?: string) =>
  consultant.query("mutation($id: ID!, $to: ServiceStep!, $note: String) { advanceServiceCase(id: $id, to: $to, note: $note) { id step } }", {
    id,
    to,
    note,
  });
const stepOf = async (id: string) => (await consultant.query("query($id: ID!) { serviceCase(id: $id) { step } }", { id })).data.serviceCase.step;
const open = async (title = "Readiness programme", tier = "KEY") =>
  (
    await consultant.query(
      "mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id step tier title responseDueAt pastResponseTarget consultant { id } client { id } tenant { code } needs { needs channel } } }",
      { input: { clientId, tier, title } },
    )
  ).data.openServiceCase;

describe("a service case walks the ten steps", () => {
  it("opens at INTAKE with the client's captured needs, the caller as consultant and a response target", async () => {
    const opened = await open();
    expect(opened).toMatchObject({
      step: "INTAKE",
      tier: "KEY",
      consultant: { id: consultantId },
      client: { id: clientId },
      tenant: { code: "CN-SH" },
      needs: [{ needs: "ISO 9001 readiness", channel: "ONLINE_FORM" }],
      pastResponseTarget: false,
    });
    // A KEY case's 24 hours run on CN-SH's working days, from the moment it was opened.
    const { rows } = await t.database.owner.query("SELECT opened_at FROM service_cases WHERE id = $1", [opened.id]);
    const shanghai = workingCalendar({ timeZone: "Asia/Shanghai", countryCode: "CN", ownDays: new Map() });
    expect(opened.responseDueAt).toBe(responseDueAt(rows[0].opened_at, ServiceTier.KEY, DEFAULT_RESPONSE_TARGET_HOURS, shanghai).toISOString());
  });

  it("walks from intake to archive with each step's records, and the archived dossier holds them all", async () => {
    const { id } = await open("Full walk", "SPECIAL");
    expect((await advance(id, "PROFILED")).data.advanceServiceCase.step).toBe("PROFILED");

    const plan = await consultant.query(
      `mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "Gap analysis and training", schedule: "Weeks 1-6", expectedResults: "Audit ready" }) { id version status } }`,
      { id },
    );
    expect(plan.data.draftServicePlan).toMatchObject({ version: 1, status: "PROPOSED" });
    await advance(id, "PLAN_DRAFTED");
    const confirmed = await consultant.query(`mutation($p: ID!) { confirmServicePlan(planId: $p, comment: "Looks good") { status clientComment } }`, {
      p: plan.data.draftServicePlan.id,
    });
    expect(confirmed.data.confirmServicePlan).toEqual({ status: "CONFIRMED", clientComment: "Looks good" });
    await advance(id, "PLAN_CONFIRMED");

    const task = await consultant.query(
      `mutation($id: ID!, $owner: ID!) { addCaseTask(caseId: $id, input: { title: "Book trainers", ownerId: $owner, dueOn: "2099-01-31" }) { id status overdue owner { id } } }`,
      { id, owner: consultantId },
    );
    expect(task.data.addCaseTask).toMatchObject({ status: "OPEN", overdue: false, owner: { id: consultantId } });
    await advance(id, "EXECUTION_PLANNED");
    await advance(id, "IN_SERVICE");

    await consultant.query(
      `mutation($id: ID!) { recordServiceDelivery(caseId: $id, input: { kind: TRAINING, startedAt: "2026-03-01T09:00:00Z", endedAt: "2026-03-01T12:00:00Z", place: "Client HQ", participants: ["Ann", "Bo"], outcome: "Done" }) { id } }`,
      { id },
    );
    const handover = await consultant.query(
      `mutation($id: ID!) { recordMaterialHandover(caseId: $id, input: { bodyName: "Due Diligence Ltd", documents: ["Manual"], handedOverAt: "2026-03-02T09:00:00Z" }) { id acknowledgedAt } }`,
      { id },
    );
    await advance(id, "MATERIALS_TRANSFERRED");
    expect(errorCode(await advance(id, "CERTIFICATION"))).toBe("CONFLICT");
    await consultant.query(`mutation($h: ID!) { acknowledgeMaterialHandover(handoverId: $h) { acknowledgedAt } }`, {
      h: handover.data.recordMaterialHandover.id,
    });
    const review = await consultant.query(
      `mutation($id: ID!) { scheduleCertificationReview(caseId: $id, input: { bodyName: "Cert Body", scheduledFor: "2026-04-01T09:00:00Z" }) { id status } }`,
      { id },
    );
    await advance(id, "CERTIFICATION");
    await consultant.query(`mutation($r: ID!) { recordCertificationResult(reviewId: $r, input: { result: PASSED, notes: "Clean" }) { status result } }`, {
      r: review.data.scheduleCertificationReview.id,
    });
    const evaluation = await consultant.query(
      `mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: SERVICE_QUALITY, score: 5 }, { dimension: TIMELINESS, score: 4 }], clientFeedback: "Great", followUpNeeded: true }) { meanScore followUpNeeded } }`,
      { id },
    );
    expect(evaluation.data.evaluateServiceCase).toEqual({ meanScore: 4.5, followUpNeeded: true });
    await advance(id, "EVALUATED");
    const archived = await advance(id, "ARCHIVED", "all done");
    expect(archived.data.advanceServiceCase.step).toBe("ARCHIVED");

    const dossier = await consultant.query(
      `query($id: ID!) { serviceCase(id: $id) {
        step archivedAt firstResponseAt allowedNextSteps
        needs { needs } plans { version status } currentPlan { version } tasks { title }
        serviceRecords { kind participants } materialHandovers { acknowledgedAt documents }
        certificationReviews { result } evaluation { meanScore scores { dimension score } }
        history { fromStep toStep note actor { id } }
      } }`,
      { id },
    );
    const c = dossier.data.serviceCase;
    expect(c.archivedAt).not.toBeNull();
    expect(c.firstResponseAt).not.toBeNull();
    expect(c.allowedNextSteps).toEqual([]);
    expect(c.plans).toEqual([{ version: 1, status: "CONFIRMED" }]);
    expect(c.serviceRecords).toEqual([{ kind: "TRAINING", participants: ["Ann", "Bo"] }]);
    expect(c.certificationReviews).toEqual([{ result: "PASSED" }]);
    expect(c.evaluation.scores).toHaveLength(2);
    expect(c.history.map((h: { toStep: string }) => h.toStep)).toEqual([
      "INTAKE", "PROFILED", "PLAN_DRAFTED", "PLAN_CONFIRMED", "EXECUTION_PLANNED", "IN_SERVICE",
      "MATERIALS_TRANSFERRED", "CERTIFICATION", "EVALUATED", "ARCHIVED",
    ]);
    expect(c.history[9]).toMatchObject({ fromStep: "EVALUATED", note: "all done", actor: { id: consultantId } });
  });

  it("an archived case is read-only: no move and no new record, even for its president", async () => {
    const { rows } = await t.database.owner.query("SELECT id FROM service_cases WHERE step = 'ARCHIVED' AND tenant_id = (SELECT id FROM tenants WHERE code = 'CN-SH') LIMIT 1");
    const id = rows[0].id;
    const president = t.as("president@cn-sh.demo");
    const move = await president.query(`mutation($id: ID!) { advanceServiceCase(id: $id, to: EVALUATED) { id } }`, { id });
    expect(errorCode(move)).toBe("CONFLICT");
    const record = await president.query(`mutation($id: ID!) { recordCaseNeeds(caseId: $id, input: { channel: PHONE, needs: "more" }) { id } }`, { id });
    expect(errorCode(record)).toBe("CONFLICT");
    await expect(t.database.owner.query("UPDATE service_cases SET title = 'x' WHERE id = $1", [id])).rejects.toThrow(/archived/);
  });

  it("an illegal move answers CONFLICT and changes nothing", async () => {
    const { id } = await open("Skipper");
    const before = (await t.database.owner.query("SELECT step, updated_at FROM service_cases WHERE id = $1", [id])).rows[0];
    const transitionsBefore = (await t.database.owner.query("SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1", [id])).rows[0].n;
    for (const to of ["PLAN_DRAFTED", "ARCHIVED", "INTAKE", "PLAN_CONFIRMED"]) {
      const response = await advance(id, to);
      expect(errorCode(response)).toBe("CONFLICT");
      expect(response.errors![0].extensions).toMatchObject({ from: "INTAKE", to });
    }
    expect((await t.database.owner.query("SELECT step, updated_at FROM service_cases WHERE id = $1", [id])).rows[0]).toEqual(before);
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1", [id])).rows[0].n).toBe(transitionsBefore);
  });

  it("a step is not entered without its records: no PLAN_CONFIRMED without a confirmed plan version", async () => {
    const { id } = await open("Unconfirmed");
    await advance(id, "PROFILED");
    expect(errorCode(await advance(id, "PLAN_DRAFTED"))).toBe("CONFLICT");
    await consultant.query(`mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "c", schedule: "s", expectedResults: "r" }) { id } }`, { id });
    await advance(id, "PLAN_DRAFTED");
    const response = await advance(id, "PLAN_CONFIRMED");
    expect(errorCode(response)).toBe("CONFLICT");
    expect(response.errors![0].extensions!.missing).toEqual(["a confirmed latest plan version"]);
    expect(await stepOf(id)).toBe("PLAN_DRAFTED");
  });

  it("the client sends a confirmed plan back: the case returns to PLAN_DRAFTED and a new version is confirmed", async () => {
    const { id } = await open("Sent back");
    await advance(id, "PROFILED");
    const v1 = await consultant.query(`mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "v1", schedule: "s", expectedResults: "r" }) { id } }`, { id });
    await advance(id, "PLAN_DRAFTED");
    await consultant.query(`mutation($p: ID!) { confirmServicePlan(planId: $p) { status } }`, { p: v1.data.draftServicePlan.id });
    await advance(id, "PLAN_CONFIRMED");

    const sentBack = await consultant.query(`mutation($p: ID!) { requestServicePlanChanges(planId: $p, comment: "Cheaper, please") { status clientComment } }`, {
      p: v1.data.draftServicePlan.id,
    });
    expect(sentBack.data.requestServicePlanChanges).toEqual({ status: "CHANGES_REQUESTED", clientComment: "Cheaper, please" });
    expect(await stepOf(id)).toBe("PLAN_DRAFTED");
    expect(errorCode(await advance(id, "PLAN_CONFIRMED"))).toBe("CONFLICT");

    const v2 = await consultant.query(`mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "v2", schedule: "s", expectedResults: "r" }) { id version } }`, { id });
    expect(v2.data.draftServicePlan.version).toBe(2);
    expect(errorCode(await consultant.query(`mutation($p: ID!) { confirmServicePlan(planId: $p) { status } }`, { p: v1.data.draftServicePlan.id }))).toBe("CONFLICT");
    await consultant.query(`mutation($p: ID!) { confirmServicePlan(planId: $p) { status } }`, { p: v2.data.draftServicePlan.id });
    expect((await advance(id, "PLAN_CONFIRMED")).data.advanceServiceCase.step).toBe("PLAN_CONFIRMED");
  });

  it("a record outside its step's window is CONFLICT (no evaluation while still at intake)", async () => {
    const { id } = await open("Too early");
    const response = await consultant.query(
      `mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: OUTCOME, score: 3 }] }) { id } }`,
      { id },
    );
    expect(errorCode(response)).toBe("CONFLICT");
  });

  it("bad record input is BAD_USER_INPUT: a score outside 1–5, a task owner who is not a member, a bad date", async () => {
    const { id } = await open("Bad input");
    const outsider = (await t.database.owner.query("SELECT id FROM users WHERE email = 'consultant@cn-sz.demo'")).rows[0].id;
    const score = await consultant.query(
      `mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: OUTCOME, score: 6 }] }) { id } }`,
      { id },
    );
    expect(errorCode(score)).toBe("BAD_USER_INPUT");
    await t.database.owner.query("UPDATE service_cases SET step = 'PLAN_CONFIRMED' WHERE id = $1", [id]);
    const owner = await consultant.query(
      `mutation($id: ID!, $o: ID!) { addCaseTask(caseId: $id, input: { title: "x", ownerId: $o, dueOn: "2026-01-01" }) { id } }`,
      { id, o: outsider },
    );
    expect(errorCode(owner)).toBe("BAD_USER_INPUT");
    const date = await consultant.query(
      `mutation($id: ID!, $o: ID!) { addCaseTask(caseId: $id, input: { title: "x", ownerId: $o, dueOn: "2026-02-30" }) { id } }`,
      { id, o: consultantId },
    );
    expect(errorCode(date)).toBe("BAD_USER_INPUT");
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1", [id])).rows[0].n).toBe(0);
  });

  it("two moves of the same case at the same moment: exactly one wins", async () => {
    const { id } = await open("Race");
    const results = await Promise.all([advance(id, "PROFILED"), advance(id, "PROFILED"), advance(id, "PROFILED")]);
    expect(results.filter((r) => r.data?.advanceServiceCase).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === "CONFLICT").length).toBe(2);
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1 AND to_step = 'PROFILED'", [id])).rows[0].n).toBe(1);
  });
});
