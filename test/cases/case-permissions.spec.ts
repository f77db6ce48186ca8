import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp();
/** Ids of a seeded CN-SH case at CERTIFICATION and its records. */
let target: { caseId: string; planId: string; taskId: string; handoverId: string; reviewId: string; clientId: string };
let ownerOfTasks: string;

beforeAll(async () => {
  const one = async (sql: string) => (await t.database.owner.query(sql)).rows[0];
  const serviceCase = await one(
    "SELECT c.id, c.client_id FROM service_cases c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'CN-SH' AND c.step = 'CERTIFICATION'",
  );
  const of = (table: string) => one(`SELECT id FROM ${table} WHERE case_id = '${serviceCase.id}' LIMIT 1`).then((r) => r.id);
  target = {
    caseId: serviceCase.id,
    clientId: serviceCase.client_id,
    planId: await of("service_plans"),
    taskId: await of("case_tasks"),
    handoverId: await of("material_handovers"),
    reviewId: await of("certification_reviews"),
  };
  ownerOfTasks = (await one("SELECT id FROM users WHERE email = 'staff@cn-sh.demo'")).id;
});

/** Every case mutation, aimed at the target case or its records. */
const CASE_MUTATIONS: [string, string, () => Record<string, unknown>][] = [
  ["advanceServiceCase", "mutation($id: ID!) { advanceServiceCase(id: $id, to: EVALUATED) { id } }", () => ({ id: target.caseId })],
  ["recordCaseNeeds", "mutation($id: ID!) { recordCaseNeeds(caseId: $id, input: { channel: VISIT, needs: \"x\" }) { id } }", () => ({ id: target.caseId })],
  ["draftServicePlan", "mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: \"c\", schedule: \"s\", expectedResults: \"r\" }) { id } }", () => ({ id: target.caseId })],
  ["confirmServicePlan", "mutation($id: ID!) { confirmServicePlan(planId: $id) { id } }", () => ({ id: target.planId })],
  ["requestServicePlanChanges", "mutation($id: ID!) { requestServicePlanChanges(planId: $id, comment: \"no\") { id } }", () => ({ id: target.planId })],
  ["addCaseTask", "mutation($id: ID!, $o: ID!) { addCaseTask(caseId: $id, input: { title: \"t\", ownerId: $o, dueOn: \"2030-01-01\" }) { id } }", () => ({ id: target.caseId, o: ownerOfTasks })],
  ["updateCaseTaskStatus", "mutation($id: ID!) { updateCaseTaskStatus(taskId: $id, status: CANCELLED) { id } }", () => ({ id: target.taskId })],
  ["recordServiceDelivery", "mutation($id: ID!) { recordServiceDelivery(caseId: $id, input: { kind: CONSULTING, startedAt: \"2026-01-01T00:00:00Z\", place: \"p\" }) { id } }", () => ({ id: target.caseId })],
  ["recordMaterialHandover", "mutation($id: ID!) { recordMaterialHandover(caseId: $id, input: { bodyName: \"b\", documents: [\"d\"] }) { id } }", () => ({ id: target.caseId })],
  ["acknowledgeMaterialHandover", "mutation($id: ID!) { acknowledgeMaterialHandover(handoverId: $id) { id } }", () => ({ id: target.handoverId })],
  ["scheduleCertificationReview", "mutation($id: ID!) { scheduleCertificationReview(caseId: $id, input: { bodyName: \"b\", scheduledFor: \"2030-01-01T00:00:00Z\" }) { id } }", () => ({ id: target.caseId })],
  ["recordCertificationResult", "mutation($id: ID!) { recordCertificationResult(reviewId: $id, input: { result: PASSED }) { id } }", () => ({ id: target.reviewId })],
  ["evaluateServiceCase", "mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: OUTCOME, score: 4 }] }) { id } }", () => ({ id: target.caseId })],
];

/** Everything a case mutation could have changed, as one comparable snapshot. */
async function caseState(): Promise<unknown> {
  const { rows } = await t.database.owner.query(
    `SELECT (SELECT to_jsonb(c) FROM service_cases c WHERE c.id = $1) AS serviceCase,
            (SELECT count(*) FROM audit_log) AS audit_entries`,
    [target.caseId],
  );
  return rows[0];
}

describe.each([
  ["president@cn-sz.demo", "NOT_FOUND", "a sibling centre cannot even find it"],
  ["president@my.demo", "NOT_FOUND", "another national subtree cannot find it"],
  ["president@cn.demo", "FORBIDDEN", "the parent reads it but never writes"],
  ["finance@cn.demo", "FORBIDDEN", "a parent's department head reads it but never writes"],
  ["auditor@hq.demo", "FORBIDDEN", "the auditor only reads"],
  ["admin@cn-sh-cert.demo", "FORBIDDEN", "a partner under the centre has no case work"],
])("%s on a CN-SH case", (email, code) => {
  it.each(CASE_MUTATIONS)(`%s answers ${code} and changes nothing`, async (_name, mutation, variables) => {
    const before = await caseState();
    const response = await t.as(email).query(mutation, variables());
    expect(errorCode(response)).toBe(code);
    expect(await caseState()).toEqual(before);
  });
});

describe("who writes which case inside a centre", () => {
  it("a consultant cannot change a case assigned to someone else", async () => {
    const staff = t.as("staff@cn-sh.demo");
    const opened = await staff.query(
      "mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id consultant { id } } }",
      { input: { clientId: target.clientId, tier: "GENERAL", title: "Staff's own case", consultantId: ownerOfTasks } },
    );
    expect(opened.data.openServiceCase.consultant.id).toBe(ownerOfTasks);
    const consultant = t.as("consultant@cn-sh.demo");
    const response = await consultant.query(
      "mutation($id: ID!) { advanceServiceCase(id: $id, to: PROFILED) { id } }",
      { id: opened.data.openServiceCase.id },
    );
    expect(errorCode(response)).toBe("FORBIDDEN");
  });

  it("staff change any case of their centre, including a consultant's", async () => {
    const consultant = t.as("consultant@cn-sh.demo");
    const opened = await consultant.query(
      "mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id } }",
      { input: { clientId: target.clientId, tier: "KEY", title: "Consultant's case" } },
    );
    const response = await t.as("staff@cn-sh.demo").query(
      "mutation($id: ID!) { advanceServiceCase(id: $id, to: PROFILED) { step } }",
      { id: opened.data.openServiceCase.id },
    );
    expect(response.data.advanceServiceCase.step).toBe("PROFILED");
  });

  it("a consultant opens cases only for themselves", async () => {
    const response = await t.as("consultant@cn-sh.demo").query(
      "mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id } }",
      { input: { clientId: target.clientId, tier: "KEY", title: "For someone else", consultantId: ownerOfTasks } },
    );
    expect(errorCode(response)).toBe("FORBIDDEN");
  });

  it("opening a case for a sibling's client is NOT_FOUND, for a child's client FORBIDDEN, and writes nothing", async () => {
    const count = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM service_cases")).rows[0].n;
    const before = await count();
    const open = (email: string) =>
      t.as(email).query("mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { id } }", {
        input: { clientId: target.clientId, tier: "KEY", title: "Not mine" },
      });
    expect(errorCode(await open("president@cn-sz.demo"))).toBe("NOT_FOUND");
    expect(errorCode(await open("president@cn.demo"))).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
  });
});
