import { demoId } from "../../src/demo-data/demo-data";
import { COMPLAINT_TRANSITIONS } from "../../src/modules/complaints/complaint-workflow";
import { ComplaintStatus } from "../../src/modules/complaints/complaint.entity";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ DISPUTE_REOPEN_DAYS: "10" });
const PARTNER = "admin@cn-sh-cert.demo";
const CENTRE = "staff@cn-sh.demo";

const OPEN = `mutation { openComplaint(input: { subject: "Late payment", description: "Paid 30 days late" }) { id } }`;
const ADVANCE = `mutation($id: ID!, $to: ComplaintStatus!) { advanceComplaint(id: $id, to: $to, note: "moved") { status } }`;
const RESOLVE = `mutation($id: ID!) { resolveComplaint(id: $id, resolution: "Refund agreed") { status } }`;
const REOPEN = `mutation($id: ID!) { reopenComplaint(id: $id, reason: "The refund never came") { status resolution satisfaction reopenCount reopenedAt } }`;
const ASSIGN = `mutation($id: ID!, $h: ID!) { assignComplaintHandler(id: $id, handlerId: $h) { handler { email } } }`;
const FOLLOW_UP = `mutation($id: ID!) { recordComplaintFollowUp(id: $id, note: "Refund paid as agreed") { kind note byTenant { code } } }`;

async function disputeAt(status: ComplaintStatus, resolvedDaysAgo = 1): Promise<string> {
  const id = (await t.as(PARTNER).data(OPEN)).openComplaint.id;
  const resolved = status === ComplaintStatus.RESOLVED;
  await t.database.owner.query(
    `UPDATE complaints SET status = $2, resolution = CASE WHEN $3 THEN 'Settled' END, resolved_at = CASE WHEN $3 THEN now() - $4 * interval '1 day' END WHERE id = $1`,
    [id, status, resolved, resolvedDaysAgo],
  );
  return id;
}

/** The mutation that moves a dispute to `to`: resolving and reopening have their own. */
function moveTo(from: ComplaintStatus, to: ComplaintStatus): string {
  if (to === ComplaintStatus.RESOLVED) return RESOLVE;
  if (from === ComplaintStatus.RESOLVED && to === ComplaintStatus.NEGOTIATION) return REOPEN;
  return ADVANCE;
}

const ALL = Object.values(ComplaintStatus);

describe("a provider dispute (seed 003 七)", () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s through the API: allowed moves succeed, the others are CONFLICT", async (from, to) => {
    const id = await disputeAt(from);
    const answer = await t.as(CENTRE).query(moveTo(from, to), { id, to });
    if (COMPLAINT_TRANSITIONS[from].includes(to)) expect(answer.errors).toBeUndefined();
    else expect(errorCode(answer)).toBe("CONFLICT");
  });

  it("goes to litigation after arbitration, and is resolved there", async () => {
    const id = await disputeAt(ComplaintStatus.ARBITRATION);
    expect((await t.as(CENTRE).data(ADVANCE, { id, to: "LITIGATION" })).advanceComplaint.status).toBe("LITIGATION");
    expect((await t.as(CENTRE).data(RESOLVE, { id })).resolveComplaint.status).toBe("RESOLVED");
  });

  it("gets a handler of the centre, assigned by the centre only", async () => {
    const id = await disputeAt(ComplaintStatus.INVESTIGATING);
    expect((await t.as(CENTRE).data(ASSIGN, { id, h: demoId("user", CENTRE) })).assignComplaintHandler.handler).toEqual({ email: CENTRE });
    expect(errorCode(await t.as(PARTNER).query(ASSIGN, { id, h: demoId("user", PARTNER) }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(CENTRE).query(ASSIGN, { id, h: demoId("user", "president@cn-sz.demo") }))).toBe("BAD_USER_INPUT");
  });

  it("is followed up by the centre once resolved (跟踪落实)", async () => {
    const open = await disputeAt(ComplaintStatus.NEGOTIATION);
    expect(errorCode(await t.as(CENTRE).query(FOLLOW_UP, { id: open }))).toBe("CONFLICT");
    const id = await disputeAt(ComplaintStatus.RESOLVED);
    expect((await t.as(CENTRE).data(FOLLOW_UP, { id })).recordComplaintFollowUp).toEqual({ kind: "FOLLOW_UP", note: "Refund paid as agreed", byTenant: { code: "CN-SH" } });
    expect(errorCode(await t.as(PARTNER).query(FOLLOW_UP, { id }))).toBe("FORBIDDEN");
  });

  it("is reopened by either side within DISPUTE_REOPEN_DAYS of its resolution, never after", async () => {
    const recent = await disputeAt(ComplaintStatus.RESOLVED, 9);
    const reopened = (await t.as(PARTNER).data(REOPEN, { id: recent })).reopenComplaint;
    expect(reopened).toMatchObject({ status: "NEGOTIATION", resolution: null, satisfaction: null, reopenCount: 1, reopenedAt: expect.any(String) });
    const byCentre = await disputeAt(ComplaintStatus.RESOLVED, 1);
    expect((await t.as(CENTRE).data(REOPEN, { id: byCentre })).reopenComplaint.status).toBe("NEGOTIATION");
    const late = await disputeAt(ComplaintStatus.RESOLVED, 11);
    expect(errorCode(await t.as(PARTNER).query(REOPEN, { id: late }))).toBe("CONFLICT");
    expect((await t.as(PARTNER).data(`query($id: ID!) { complaint(id: $id) { status reopenableUntil } }`, { id: late })).complaint.status).toBe("RESOLVED");
  });

  it("a sibling never sees it; a reader above the centre reads it but never acts on it", async () => {
    const id = await disputeAt(ComplaintStatus.RESOLVED);
    const read = `query($id: ID!) { complaint(id: $id) { id } }`;
    expect((await t.as("president@cn-sz.demo").data(read, { id })).complaint).toBeNull();
    expect((await t.as("president@cn.demo").data(read, { id })).complaint).toEqual({ id });
    for (const mutation of [REOPEN, FOLLOW_UP]) {
      expect(errorCode(await t.as("president@cn.demo").query(mutation, { id }))).toBe("FORBIDDEN");
      expect(errorCode(await t.as("president@cn-sz.demo").query(mutation, { id }))).toBe("NOT_FOUND");
    }
    expect(errorCode(await t.as("president@cn.demo").query(ASSIGN, { id, h: demoId("user", "president@cn.demo") }))).toBe("FORBIDDEN");
  });
});
