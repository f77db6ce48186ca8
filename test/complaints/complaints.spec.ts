import { demoId } from "../../src/demo-data/demo-data";
import { DEMO_PARTNER, tenantId } from "../support/partner-network";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp();

const OPEN = `mutation($input: OpenComplaintInput!) { openComplaint(input: $input) { id status provider { code } centre { code } raisedByTenant { code } } }`;
const ADVANCE = `mutation($id: ID!, $to: ComplaintStatus!) { advanceComplaint(id: $id, to: $to, note: "moved") { status } }`;
const RESOLVE = `mutation($id: ID!) { resolveComplaint(id: $id, resolution: "Refund agreed") { status resolvedAt } }`;
const RATE = `mutation($id: ID!, $s: Int!) { rateComplaintHandling(id: $id, satisfaction: $s) { satisfaction } }`;
const EVIDENCE = `mutation($id: ID!) { addComplaintEvidence(id: $id, note: "Invoice copy") { kind byTenant { code } } }`;
const input = (providerId?: string) => ({ input: { providerId, subject: "Late payment", description: "Paid 30 days late" } });

describe("complaints and disputes (OPEN → INVESTIGATING → NEGOTIATION → MEDIATION | ARBITRATION → RESOLVED)", () => {
  it("the partner opens one, both sides add evidence, the centre handles it to resolution, the partner rates it once", async () => {
    const opened = (await t.as("admin@cn-sh-cert.demo").data(OPEN, input())).openComplaint;
    expect(opened).toMatchObject({ status: "OPEN", provider: { code: "CN-SH-CERT" }, centre: { code: "CN-SH" }, raisedByTenant: { code: "CN-SH-CERT" } });
    const id = opened.id;
    expect((await t.as("admin@cn-sh-cert.demo").data(EVIDENCE, { id })).addComplaintEvidence.byTenant.code).toBe("CN-SH-CERT");
    expect((await t.as("staff@cn-sh.demo").data(EVIDENCE, { id })).addComplaintEvidence.byTenant.code).toBe("CN-SH");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(ADVANCE, { id, to: "INVESTIGATING" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(ADVANCE, { id, to: "NEGOTIATION" }))).toBe("CONFLICT");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RESOLVE, { id }))).toBe("CONFLICT");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(RATE, { id, s: 90 }))).toBe("CONFLICT");
    for (const to of ["INVESTIGATING", "NEGOTIATION", "MEDIATION"]) expect((await t.as("staff@cn-sh.demo").data(ADVANCE, { id, to })).advanceComplaint.status).toBe(to);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(ADVANCE, { id, to: "RESOLVED" }))).toBe("BAD_USER_INPUT");
    expect((await t.as("staff@cn-sh.demo").data(RESOLVE, { id })).resolveComplaint).toMatchObject({ status: "RESOLVED", resolvedAt: expect.any(String) });
    expect(errorCode(await t.as("staff@cn-sh.demo").query(EVIDENCE, { id }))).toBe("CONFLICT");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(RATE, { id, s: 100 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(RATE, { id, s: 101 }))).toBe("BAD_USER_INPUT");
    expect((await t.as("admin@cn-sh-cert.demo").data(RATE, { id, s: 97 })).rateComplaintHandling.satisfaction).toBe(97);
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(RATE, { id, s: 50 }))).toBe("CONFLICT");
    const events = (await t.as("admin@cn-sh-cert.demo").data(`query($id: ID!) { complaint(id: $id) { events { kind fromStatus toStatus } } }`, { id })).complaint.events;
    expect(events.filter((e: any) => e.kind === "TRANSITION").map((e: any) => e.toStatus)).toEqual(["INVESTIGATING", "NEGOTIATION", "MEDIATION", "RESOLVED"]);
  });

  it("the centre opens one about its own partner; an affiliated company's goes to its national centre", async () => {
    expect((await t.as("staff@cn-sh.demo").data(OPEN, input(DEMO_PARTNER))).openComplaint.raisedByTenant.code).toBe("CN-SH");
    const it = (await t.as("admin@cn-it.demo").data(OPEN, input())).openComplaint;
    expect(it).toMatchObject({ provider: { code: "CN-IT" }, centre: { code: "CN" } });
    expect((await t.as("president@cn.demo").data(ADVANCE, { id: it.id, to: "INVESTIGATING" })).advanceComplaint.status).toBe("INVESTIGATING");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(OPEN, input()))).toBe("BAD_USER_INPUT");
  });

  it("only the direct parent opens about a provider: a grandparent is FORBIDDEN, a sibling NOT_FOUND, an auditor FORBIDDEN", async () => {
    expect(errorCode(await t.as("president@cn.demo").query(OPEN, input(DEMO_PARTNER)))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(OPEN, input(DEMO_PARTNER)))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@my.demo").query(OPEN, input(tenantId("CN-IT"))))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("auditor@hq.demo").query(OPEN, input(DEMO_PARTNER)))).toBe("FORBIDDEN");
  });

  it("the demo complaints: each side sees its own, siblings see none, the national centre reads but does not handle CN-SH's", async () => {
    const LIST = `{ complaints(first: 100) { edges { node { subject status satisfaction provider { code } } } } }`;
    const subjects = async (email: string) => (await t.as(email).data(LIST)).complaints.edges.map((e: any) => e.node.subject);
    expect(await subjects("admin@cn-sh-cert.demo")).toEqual(expect.arrayContaining(["Audit reports delivered late", "Referral fee deducted twice"]));
    expect(await subjects("admin@cn-sh-cert.demo")).not.toContain("Support hours outside the service standard");
    expect(await subjects("admin@cn-it.demo")).toContain("Support hours outside the service standard");
    expect(await subjects("admin@cn-it.demo")).not.toContain("Audit reports delivered late");
    expect(await subjects("president@cn-sz.demo")).toEqual([]);
    expect(await subjects("president@my.demo")).toEqual([]);
    const open = demoId("complaint", "late-audit-reports");
    expect((await t.as("president@cn.demo").data(`query($id: ID!) { complaint(id: $id) { status } }`, { id: open })).complaint.status).toBe("OPEN");
    expect(errorCode(await t.as("president@cn.demo").query(ADVANCE, { id: open, to: "INVESTIGATING" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(ADVANCE, { id: open, to: "INVESTIGATING" }))).toBe("NOT_FOUND");
  });
});
