import { demoId } from "../../src/demo-data/demo-data";
import { escalateOverdueComplaints } from "../../src/modules/service-desk/complaint-escalation.job";
import { SERVICE_REQUEST_ACTIONS, ServiceRequestAction, canTakeAction } from "../../src/modules/service-desk/service-request-workflow";
import { ServiceRequestStatus } from "../../src/modules/service-desk/service-request.entity";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ COMPLAINT_ESCALATION_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", REVISIT_DUE_DAYS: "5" });

const HOUR = 3_600_000;
const user = (email: string) => demoId("user", email);
const client = (name: string) => demoId("client", name);
const SH_CLIENT = client("Shanghai Pudong Precision Machinery");
const SZ_CLIENT = client("Nanshan Electronics");

const FIELDS = `id kind status tier dueAt raisedAt resolution reopenCount satisfaction escalation handler { email } client { id } transitions { fromStatus toStatus note }`;
const RAISE = `mutation($input: RaiseServiceRequestInput!) { raiseServiceRequest(input: $input) { ${FIELDS} } }`;
const MOVES: Record<ServiceRequestAction, string> = {
  [ServiceRequestAction.START]: `mutation($id: ID!) { move: startServiceRequest(id: $id, note: "On it") { ${FIELDS} } }`,
  [ServiceRequestAction.RESOLVE]: `mutation($id: ID!) { move: resolveServiceRequest(id: $id, resolution: "Fixed the template") { ${FIELDS} } }`,
  [ServiceRequestAction.CLOSE]: `mutation($id: ID!) { move: closeServiceRequest(id: $id) { ${FIELDS} } }`,
  [ServiceRequestAction.REOPEN]: `mutation($id: ID!) { move: reopenServiceRequest(id: $id, reason: "The client disagrees") { ${FIELDS} } }`,
};
const RATE = `mutation($id: ID!, $s: Int!) { rateServiceRequest(id: $id, satisfaction: $s) { id satisfaction } }`;

async function raise(email: string, input: Record<string, unknown>) {
  return t.as(email).query(RAISE, { input: { kind: "PROBLEM", channel: "PHONE", clientId: SH_CLIENT, subject: "Template missing", description: "As told on the phone", ...input } });
}
async function raised(email: string, input: Record<string, unknown> = {}) {
  const response = await raise(email, input);
  expect(response.errors).toBeUndefined();
  return response.data.raiseServiceRequest;
}
async function move(email: string, id: string, action: ServiceRequestAction) {
  return t.as(email).query(MOVES[action], { id });
}
/** The moves from OPEN that reach each status. */
const PATH: Record<ServiceRequestStatus, ServiceRequestAction[]> = {
  [ServiceRequestStatus.OPEN]: [],
  [ServiceRequestStatus.IN_PROGRESS]: [ServiceRequestAction.START],
  [ServiceRequestStatus.RESOLVED]: [ServiceRequestAction.START, ServiceRequestAction.RESOLVE],
  [ServiceRequestStatus.CLOSED]: [ServiceRequestAction.START, ServiceRequestAction.RESOLVE, ServiceRequestAction.CLOSE],
};
async function requestAt(status: ServiceRequestStatus, input: Record<string, unknown> = {}): Promise<string> {
  const { id } = await raised("staff@cn-sh.demo", input);
  for (const action of PATH[status]) expect((await move("staff@cn-sh.demo", id, action)).errors).toBeUndefined();
  return id;
}
const rowOf = async (id: string) => (await t.database.owner.query("SELECT * FROM service_requests WHERE id = $1", [id])).rows[0];
const count = async (table: string) => (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

describe("the status line of a problem or complaint", () => {
  const STATUSES = Object.values(ServiceRequestStatus);
  const ALLOWED: [ServiceRequestStatus, ServiceRequestStatus][] = [
    [ServiceRequestStatus.OPEN, ServiceRequestStatus.IN_PROGRESS],
    [ServiceRequestStatus.IN_PROGRESS, ServiceRequestStatus.RESOLVED],
    [ServiceRequestStatus.RESOLVED, ServiceRequestStatus.CLOSED],
    [ServiceRequestStatus.RESOLVED, ServiceRequestStatus.IN_PROGRESS],
    [ServiceRequestStatus.CLOSED, ServiceRequestStatus.IN_PROGRESS],
  ];
  it("allows exactly open → in progress → resolved → closed, and a reopen from resolved or closed", () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const reachable = Object.values(ServiceRequestAction).some((action) => canTakeAction(from, action) && SERVICE_REQUEST_ACTIONS[action].to === to);
        expect([from, to, reachable]).toEqual([from, to, ALLOWED.some(([f, s]) => f === from && s === to)]);
      }
    }
  });

  const PAIRS = STATUSES.flatMap((from) => Object.values(ServiceRequestAction).map((action) => [from, action] as const));
  it.each(PAIRS)("from %s, %s succeeds where the table allows it and is otherwise a CONFLICT that changes nothing", async (from, action) => {
    const id = await requestAt(from);
    const before = await rowOf(id);
    const transitions = await count("service_request_transitions");
    const response = await move("staff@cn-sh.demo", id, action);
    if (canTakeAction(from, action)) {
      expect(response.errors).toBeUndefined();
      expect(response.data.move.status).toBe(SERVICE_REQUEST_ACTIONS[action].to);
      expect(response.data.move.transitions.at(-1)).toMatchObject({ fromStatus: from, toStatus: SERVICE_REQUEST_ACTIONS[action].to });
    } else {
      expect(errorCode(response)).toBe("CONFLICT");
      expect(await rowOf(id)).toEqual(before);
      expect(await count("service_request_transitions")).toBe(transitions);
    }
  });

  it("a reopen counts, keeps the resolution and is refused once the reopen period after the resolution is over", async () => {
    const id = await requestAt(ServiceRequestStatus.RESOLVED);
    const reopened = (await move("staff@cn-sh.demo", id, ServiceRequestAction.REOPEN)).data.move;
    expect(reopened).toMatchObject({ status: "IN_PROGRESS", reopenCount: 1, resolution: "Fixed the template" });
    await move("staff@cn-sh.demo", id, ServiceRequestAction.RESOLVE);
    await move("staff@cn-sh.demo", id, ServiceRequestAction.CLOSE);
    await t.database.owner.query("UPDATE service_requests SET resolved_at = now() - interval '15 days' WHERE id = $1", [id]);
    expect(errorCode(await move("staff@cn-sh.demo", id, ServiceRequestAction.REOPEN))).toBe("CONFLICT");
    expect((await rowOf(id)).status).toBe("CLOSED");
  });
});

describe("raising a problem or complaint", () => {
  it("the handler must be an active staff member or consultant of the client's centre", async () => {
    const before = await count("service_requests");
    for (const handlerId of [user("president@cn-sh.demo"), user("consultant@cn-sz.demo"), user("auditor@hq.demo")]) {
      expect(errorCode(await raise("staff@cn-sh.demo", { handlerId }))).toBe("BAD_USER_INPUT");
    }
    const created = await t.as("staff@cn-sh.demo").data<any>(`mutation { createClient(input: { name: "Changning Textiles" }) { id } }`);
    const clientId = created.createClient.id;
    // A president takes it down but is no handler: they must name one.
    expect(errorCode(await raise("president@cn-sh.demo", { clientId }))).toBe("BAD_USER_INPUT");
    expect(await count("service_requests")).toBe(before);
    expect((await raised("president@cn-sh.demo", { clientId, handlerId: user("consultant@cn-sh.demo") })).handler.email).toBe("consultant@cn-sh.demo");
    expect((await raised("staff@cn-sh.demo", { clientId })).handler.email).toBe("staff@cn-sh.demo");
  });

  it("a SPECIAL client's request goes to its dedicated consultant; KEY is due sooner than GENERAL", async () => {
    const created = await t.as("staff@cn-sh.demo").data<any>(
      `mutation($c: ID!) { createClient(input: { name: "Xuhui Robotics", consultantId: $c }) { id } }`,
      { c: user("consultant@cn-sh.demo") },
    );
    const clientId = created.createClient.id;
    const hours = (request: { raisedAt: string; dueAt: string }) => (Date.parse(request.dueAt) - Date.parse(request.raisedAt)) / HOUR;
    const general = await raised("staff@cn-sh.demo", { clientId });
    expect(general).toMatchObject({ tier: "GENERAL", handler: { email: "staff@cn-sh.demo" } });
    expect(hours(general)).toBe(72);

    const open = `mutation($c: ID!, $tier: ServiceTier!) { openServiceCase(input: { clientId: $c, tier: $tier, title: "Case" }) { id } }`;
    const keyCase = (await t.as("staff@cn-sh.demo").data<any>(open, { c: clientId, tier: "KEY" })).openServiceCase.id;
    const key = await raised("staff@cn-sh.demo", { clientId, caseId: keyCase });
    expect(key.tier).toBe("KEY");
    expect(hours(key)).toBe(24);

    await t.as("staff@cn-sh.demo").data<any>(open, { c: clientId, tier: "SPECIAL" });
    const special = await raised("staff@cn-sh.demo", { clientId, kind: "COMPLAINT" });
    expect(special).toMatchObject({ tier: "SPECIAL", handler: { email: "consultant@cn-sh.demo" } });
    expect(hours(special)).toBe(12);
  });

  it("a case must be the client's own", async () => {
    const otherClientsCase = demoId("case", "CN-SH:PROFILED");
    expect(errorCode(await raise("staff@cn-sh.demo", { clientId: client("Jing'an Digital Media"), caseId: otherClientsCase }))).toBe("BAD_USER_INPUT");
  });

  it("a consultant acts only on the requests they handle; staff act on any of the centre's", async () => {
    const { id } = await raised("consultant@cn-sh.demo", { handlerId: user("staff@cn-sh.demo") });
    expect(errorCode(await move("consultant@cn-sh.demo", id, ServiceRequestAction.START))).toBe("FORBIDDEN");
    expect((await rowOf(id)).status).toBe("OPEN");
    const own = await raised("consultant@cn-sh.demo");
    expect((await move("consultant@cn-sh.demo", own.id, ServiceRequestAction.START)).data.move.status).toBe("IN_PROGRESS");
    expect((await move("president@cn-sh.demo", own.id, ServiceRequestAction.RESOLVE)).data.move.status).toBe("RESOLVED");
  });
});

describe("handing a request to another handler", () => {
  const REASSIGN = `mutation($id: ID!, $h: ID!) { reassignServiceRequest(id: $id, handlerId: $h) { handler { email } } }`;
  it("names a staff member or consultant of the centre, until the request is closed; the consultant who hands it over no longer acts on it", async () => {
    const { id } = await raised("consultant@cn-sh.demo");
    expect(errorCode(await t.as("consultant@cn-sh.demo").query(REASSIGN, { id, h: user("president@cn-sh.demo") }))).toBe("BAD_USER_INPUT");
    expect((await t.as("consultant@cn-sh.demo").data<any>(REASSIGN, { id, h: user("staff@cn-sh.demo") })).reassignServiceRequest.handler.email).toBe("staff@cn-sh.demo");
    expect(errorCode(await move("consultant@cn-sh.demo", id, ServiceRequestAction.START))).toBe("FORBIDDEN");
    const closed = await requestAt(ServiceRequestStatus.CLOSED);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(REASSIGN, { id: closed, h: user("consultant@cn-sh.demo") }))).toBe("CONFLICT");
  });
});

describe("the client's satisfaction with a complaint's handling", () => {
  it("is recorded once, from 0 to 100, after resolution, and only for complaints", async () => {
    const complaint = await requestAt(ServiceRequestStatus.IN_PROGRESS, { kind: "COMPLAINT" });
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RATE, { id: complaint, s: 90 }))).toBe("CONFLICT");
    await move("staff@cn-sh.demo", complaint, ServiceRequestAction.RESOLVE);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RATE, { id: complaint, s: 101 }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("auditor@hq.demo").query(RATE, { id: complaint, s: 90 }))).toBe("FORBIDDEN");
    expect((await t.as("staff@cn-sh.demo").data<any>(RATE, { id: complaint, s: 90 })).rateServiceRequest.satisfaction).toBe(90);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RATE, { id: complaint, s: 40 }))).toBe("CONFLICT");
    expect((await rowOf(complaint)).satisfaction).toBe(90);
    const problem = await requestAt(ServiceRequestStatus.RESOLVED);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RATE, { id: problem, s: 90 }))).toBe("BAD_USER_INPUT");
  });
});

describe("who sees and changes a client's problems and complaints", () => {
  const LIST = `{ serviceRequests(first: 100) { totalCount edges { node { id tenant { code } } } } }`;
  const ONE = `query($id: ID!) { serviceRequest(id: $id) { id } node(id: $id) { id } }`;
  const codesFor = async (email: string) => new Set((await t.as(email).data<any>(LIST)).serviceRequests.edges.map((e: any) => e.node.tenant.code));

  it("a sibling never sees a client's complaint", async () => {
    const { id } = await raised("staff@cn-sh.demo", { kind: "COMPLAINT" });
    for (const email of ["president@cn-sz.demo", "consultant@cn-sz.demo", "consultant@my-kl.demo", "admin@cn-sh-cert.demo", "admin@cn-it.demo"]) {
      expect(await codesFor(email)).not.toContain("CN-SH");
      expect((await t.as(email).data<any>(ONE, { id }))).toEqual({ serviceRequest: null, node: null });
      expect(errorCode(await move(email, id, ServiceRequestAction.START))).toMatch(/NOT_FOUND|FORBIDDEN/);
    }
    expect([...(await codesFor("staff@cn-sh.demo"))]).toEqual(["CN-SH"]);
    expect((await rowOf(id)).status).toBe("OPEN");
  });

  it("a parent reads its centres' requests, never writes them", async () => {
    const { id } = await raised("staff@cn-sh.demo", { kind: "COMPLAINT" });
    expect(await codesFor("president@cn.demo")).toEqual(new Set(["CN-SH", "CN-SZ"]));
    expect((await t.as("president@hq.demo").data<any>(ONE, { id })).serviceRequest).toEqual({ id });
    for (const email of ["president@cn.demo", "president@hq.demo", "auditor@hq.demo"]) {
      expect(errorCode(await move(email, id, ServiceRequestAction.START))).toBe("FORBIDDEN");
      expect(errorCode(await raise(email, {}))).toBe("FORBIDDEN");
    }
    expect((await rowOf(id)).status).toBe("OPEN");
  });

  it("the client's and the case's dossiers list their requests and revisits, and a sibling's dossier never does", async () => {
    const caseId = demoId("case", "CN-SH:ARCHIVED");
    const { serviceCase } = await t.as("staff@cn-sh.demo").data<any>(`query($id: ID!) { serviceCase(id: $id) { client { id } } }`, { id: caseId });
    const { id } = await raised("staff@cn-sh.demo", { clientId: serviceCase.client.id, caseId });
    const DOSSIER = `query($id: ID!) { serviceCase(id: $id) { serviceRequests { id } revisits { id } client { serviceRequests { id } } } }`;
    const dossier = (await t.as("president@cn.demo").data<any>(DOSSIER, { id: caseId })).serviceCase;
    expect(dossier.serviceRequests).toEqual([{ id }]);
    expect(dossier.revisits).toEqual([{ id: demoId("revisit", "CN-SH:ARCHIVED") }]);
    expect(dossier.client.serviceRequests.map((r: any) => r.id)).toContain(id);
    expect((await t.as("consultant@cn-sz.demo").data<any>(DOSSIER, { id: caseId })).serviceCase).toBeNull();
  });

  it("every service-desk table forces row-level security", async () => {
    const { rows } = await t.database.owner.query(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('service_requests', 'service_request_transitions', 'revisits') ORDER BY relname",
    );
    expect(rows).toEqual(["revisits", "service_request_transitions", "service_requests"].map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));
  });
});

describe("escalation of a complaint not resolved in time", () => {
  it("goes to the centre's management past the deadline, to the parent centre past the second; problems and resolved complaints stay", async () => {
    const complaint = await raised("staff@cn-sh.demo", { kind: "COMPLAINT" });
    const problem = await raised("staff@cn-sh.demo");
    const resolved = await requestAt(ServiceRequestStatus.RESOLVED, { kind: "COMPLAINT" });
    const due = Date.parse(complaint.dueAt);
    const levels = async () => Promise.all([complaint.id, problem.id, resolved].map(async (id) => (await rowOf(id)).escalation));

    await escalateOverdueComplaints(t.app.dataSource, 48, new Date(due - HOUR));
    expect(await levels()).toEqual(["NONE", "NONE", "NONE"]);
    expect(await escalateOverdueComplaints(t.app.dataSource, 48, new Date(due + HOUR))).toBeGreaterThanOrEqual(1);
    expect(await levels()).toEqual(["CENTRE_MANAGEMENT", "NONE", "NONE"]);
    expect(await escalateOverdueComplaints(t.app.dataSource, 48, new Date(due + HOUR))).toBe(0);
    await escalateOverdueComplaints(t.app.dataSource, 48, new Date(due + 49 * HOUR));
    expect(await levels()).toEqual(["PARENT_CENTRE", "NONE", "NONE"]);

    const escalated = await t.as("president@cn.demo").data<any>(`{ serviceRequests(escalation: PARENT_CENTRE, first: 100) { edges { node { id escalation } } } }`);
    expect(escalated.serviceRequests.edges.map((e: any) => e.node.id)).toContain(complaint.id);
    expect(errorCode(await move("president@cn.demo", complaint.id, ServiceRequestAction.START))).toBe("FORBIDDEN");
    // Resolving does not undo the escalation: the level stays on the row.
    await move("staff@cn-sh.demo", complaint.id, ServiceRequestAction.START);
    expect((await move("staff@cn-sh.demo", complaint.id, ServiceRequestAction.RESOLVE)).data.move.escalation).toBe("PARENT_CENTRE");
  });
});

describe("revisits", () => {
  const EVALUATE = `mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: SERVICE_QUALITY, score: 5 }] }) { id evaluatedAt } }`;
  const REVISITS = `query($c: ID!) { revisits(caseId: $c) { edges { node { id status dueAt onTime assignee { email } client { id } serviceCase { id } } } } }`;
  const RECORD = `mutation($id: ID!) { recordRevisit(id: $id, input: { channel: PHONE, outcome: SATISFIED, notes: "Happy" }) { id status outcome onTime doneBy { email } } }`;
  const OVERDUE = `{ overdueRevisits(first: 100) { edges { node { id tenant { code } } } } }`;
  const caseId = demoId("case", "CN-SH:CERTIFICATION");

  it("each evaluation schedules one revisit for the case's consultant, due REVISIT_DUE_DAYS later; recording it is SCHEDULED → DONE once", async () => {
    const { evaluateServiceCase } = await t.as("consultant@cn-sh.demo").data<any>(EVALUATE, { id: caseId });
    const [revisit] = (await t.as("staff@cn-sh.demo").data<any>(REVISITS, { c: caseId })).revisits.edges.map((e: any) => e.node);
    expect(revisit).toMatchObject({ status: "SCHEDULED", onTime: true, assignee: { email: "consultant@cn-sh.demo" }, serviceCase: { id: caseId } });
    expect(Date.parse(revisit.dueAt) - Date.parse(evaluateServiceCase.evaluatedAt)).toBe(5 * 24 * HOUR);
    expect(errorCode(await t.as("consultant@cn-sz.demo").query(RECORD, { id: revisit.id }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(RECORD, { id: revisit.id }))).toBe("FORBIDDEN");
    expect((await t.as("consultant@cn-sh.demo").data<any>(RECORD, { id: revisit.id })).recordRevisit).toMatchObject({
      status: "DONE", outcome: "SATISFIED", onTime: true, doneBy: { email: "consultant@cn-sh.demo" },
    });
    const before = (await t.database.owner.query("SELECT * FROM revisits WHERE id = $1", [revisit.id])).rows[0];
    expect(errorCode(await t.as("consultant@cn-sh.demo").query(RECORD, { id: revisit.id }))).toBe("CONFLICT");
    expect((await t.database.owner.query("SELECT * FROM revisits WHERE id = $1", [revisit.id])).rows[0]).toEqual(before);
  });

  it("overdue revisits are listed like overdue tasks, only the caller's tenants'", async () => {
    const overdue = (await t.as("president@cn.demo").data<any>(OVERDUE)).overdueRevisits.edges.map((e: any) => e.node);
    expect(overdue.map((n: any) => n.id)).toContain(demoId("revisit", "CN-SH:ARCHIVED"));
    expect((await t.as("consultant@cn-sz.demo").data<any>(OVERDUE)).overdueRevisits.edges).toEqual([]);
    const scheduled = await t.as("staff@cn-sh.demo").data<any>(
      `mutation($c: ID!, $at: DateTimeISO!) { scheduleRevisit(input: { caseId: $c, dueAt: $at }) { id status } }`,
      { c: demoId("case", "CN-SH:ARCHIVED"), at: new Date(Date.now() + 24 * HOUR).toISOString() },
    );
    expect(scheduled.scheduleRevisit.status).toBe("SCHEDULED");
    expect((await t.as("staff@cn-sh.demo").data<any>(OVERDUE)).overdueRevisits.edges.map((e: any) => e.node.id)).not.toContain(scheduled.scheduleRevisit.id);
  });
});
