import { demoId } from "../../src/demo-data/demo-data";
import { addMember, addMembership } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const TRANSFER = `mutation($from: ID!, $to: ID!) { transferResponsibilities(fromMembershipId: $from, toMembershipId: $to) { clients cases tasks } }`;
const DEACTIVATE = `mutation($id: ID!, $reason: String!) { deactivateMembership(id: $id, reason: $reason) { id status } }`;

const owner = () => t.database.owner;
const userOf = (email: string) => demoId("user", email);
const membershipOf = async (email: string, tenantCode: string): Promise<string> =>
  (
    await owner().query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.tenant_id = $2", [
      email,
      demoId("tenant", tenantCode),
    ])
  ).rows[0].id;

/** Rows of one kind a user holds in a tenant, open and closed, as the owner sees them (past RLS). */
async function holdings(userId: string, tenantCode: string) {
  const tenant = demoId("tenant", tenantCode);
  const one = async (text: string) => (await owner().query(text, [tenant, userId])).rows[0].n as number;
  return {
    clients: await one("SELECT count(*)::int AS n FROM clients WHERE tenant_id = $1 AND consultant_id = $2"),
    openCases: await one("SELECT count(*)::int AS n FROM service_cases WHERE tenant_id = $1 AND consultant_id = $2 AND step <> 'ARCHIVED'"),
    archivedCases: await one("SELECT count(*)::int AS n FROM service_cases WHERE tenant_id = $1 AND consultant_id = $2 AND step = 'ARCHIVED'"),
    openTasks: await one(`SELECT count(*)::int AS n FROM case_tasks k JOIN service_cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id
                           WHERE k.tenant_id = $1 AND k.owner_id = $2 AND k.status IN ('OPEN', 'IN_PROGRESS') AND c.step <> 'ARCHIVED'`),
    closedTasks: await one(`SELECT count(*)::int AS n FROM case_tasks k JOIN service_cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id
                             WHERE k.tenant_id = $1 AND k.owner_id = $2 AND (k.status IN ('DONE', 'CANCELLED') OR c.step = 'ARCHIVED')`),
  };
}

describe("hand-over", () => {
  it("moves exactly the leaver's open work in the acting tenant; archived cases, closed tasks and other tenants' rows keep their holder", async () => {
    const leaver = userOf("consultant@cn-sh.demo");
    // The leaver also works for the Shenzhen centre, with a client there that stays theirs.
    await addMembership(owner(), leaver, "CN-SZ", "CONSULTANT", "OPERATIONS");
    await owner().query("INSERT INTO clients (tenant_id, name, consultant_id, created_by) VALUES ($1, 'Shenzhen side client', $2, $2)", [
      demoId("tenant", "CN-SZ"),
      leaver,
    ]);
    await addMember(owner(), "successor@cn-sh.test", "CN-SH", "CONSULTANT", "OPERATIONS");
    const successor = demoId("test-user", "successor@cn-sh.test");
    const before = await holdings(leaver, "CN-SH");
    const shenzhenBefore = await holdings(leaver, "CN-SZ");
    expect(before.clients).toBeGreaterThan(0);
    expect(before.openCases).toBeGreaterThan(0);
    expect(before.archivedCases).toBeGreaterThan(0);
    expect(before.openTasks).toBeGreaterThan(0);

    const { transferResponsibilities } = await t.as("president@cn-sh.demo").data(TRANSFER, {
      from: await membershipOf("consultant@cn-sh.demo", "CN-SH"),
      to: await membershipOf("successor@cn-sh.test", "CN-SH"),
    });

    expect(transferResponsibilities).toEqual({ clients: before.clients, cases: before.openCases, tasks: before.openTasks });
    expect(await holdings(leaver, "CN-SH")).toEqual({ ...before, clients: 0, openCases: 0, openTasks: 0 });
    expect(await holdings(successor, "CN-SH")).toMatchObject({ clients: before.clients, openCases: before.openCases, openTasks: before.openTasks, archivedCases: 0 });
    expect(await holdings(leaver, "CN-SZ")).toEqual(shenzhenBefore);
    const audited = await owner().query(
      "SELECT count(*)::int AS n FROM audit_log WHERE operation = 'mutation transferResponsibilities' AND action = 'UPDATE' AND acting_tenant_id = $1",
      [demoId("tenant", "CN-SH")],
    );
    expect(audited.rows[0].n).toBe(before.clients + before.openCases + before.openTasks);
  });

  it("a sibling, a parent, a child or a member without the administrators' role never hands over a tenant's people, and nothing moves", async () => {
    const from = await membershipOf("consultant@cn-sz.demo", "CN-SZ");
    const to = await membershipOf("president@cn-sz.demo", "CN-SZ");
    const before = await holdings(userOf("consultant@cn-sz.demo"), "CN-SZ");
    expect(errorCode(await t.as("president@cn-sh.demo").query(TRANSFER, { from, to }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(TRANSFER, { from, to }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(TRANSFER, { from, to }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("consultant@cn-sz.demo").query(TRANSFER, { from, to }))).toBe("FORBIDDEN");
    // Not even into the acting tenant: the target must be a colleague of the same tenant.
    const intoOwn = await t.as("president@cn-sh.demo").query(TRANSFER, { from: await membershipOf("staff@cn-sh.demo", "CN-SH"), to });
    expect(errorCode(intoOwn)).toBe("NOT_FOUND");
    expect(await holdings(userOf("consultant@cn-sz.demo"), "CN-SZ")).toEqual(before);
  });

  it("goes to another, active colleague who can hold work", async () => {
    const from = await membershipOf("staff@cn-sh.demo", "CN-SH");
    expect(errorCode(await t.as("president@cn-sh.demo").query(TRANSFER, { from, to: from }))).toBe("BAD_USER_INPUT");
    await addMember(owner(), "gone@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
    const gone = await membershipOf("gone@cn-sh.test", "CN-SH");
    await owner().query("UPDATE memberships SET active = false, deactivated_at = now(), deactivation_reason = 'left' WHERE id = $1", [gone]);
    expect(errorCode(await t.as("president@cn-sh.demo").query(TRANSFER, { from, to: gone }))).toBe("CONFLICT");
    await addMember(owner(), "auditor@cn-sh.test", "CN-SH", "AUDITOR", "FINANCE");
    const auditor = await membershipOf("auditor@cn-sh.test", "CN-SH");
    expect(errorCode(await t.as("president@cn-sh.demo").query(TRANSFER, { from, to: auditor }))).toBe("BAD_USER_INPUT");
  });

  it("the head of MANAGEMENT hands over too, but no other department's head, and nobody the work of someone above them", async () => {
    await addMember(owner(), "mgmt-head@cn-sh.test", "CN-SH", "DEPARTMENT_HEAD", "MANAGEMENT");
    await addMember(owner(), "training-head@cn-sh.test", "CN-SH", "DEPARTMENT_HEAD", "TRAINING");
    await addMember(owner(), "desk@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
    const from = await membershipOf("staff@cn-sh.demo", "CN-SH");
    const to = await membershipOf("desk@cn-sh.test", "CN-SH");
    const open = await holdings(userOf("staff@cn-sh.demo"), "CN-SH");
    expect(errorCode(await t.as("training-head@cn-sh.test").query(TRANSFER, { from, to }))).toBe("FORBIDDEN");
    const president = await membershipOf("president@cn-sh.demo", "CN-SH");
    expect(errorCode(await t.as("mgmt-head@cn-sh.test").query(TRANSFER, { from: president, to }))).toBe("FORBIDDEN");
    expect((await t.as("mgmt-head@cn-sh.test").data(TRANSFER, { from, to })).transferResponsibilities).toEqual({
      clients: open.clients,
      cases: open.openCases,
      tasks: open.openTasks,
    });
    const [record] = (
      await owner().query("SELECT clients, cases, tasks, transferred_by FROM responsibility_transfers WHERE from_membership_id = $1 AND to_membership_id = $2", [from, to])
    ).rows;
    expect(record).toEqual({ clients: open.clients, cases: open.openCases, tasks: open.openTasks, transferred_by: demoId("test-user", "mgmt-head@cn-sh.test") });
  });
});

describe("deactivating a member who holds open work", () => {
  it("is CONFLICT naming the open work, until it is handed over", async () => {
    const leaver = await membershipOf("consultant@cn-sz.demo", "CN-SZ");
    const open = await holdings(userOf("consultant@cn-sz.demo"), "CN-SZ");
    const refused = await t.as("president@cn-sz.demo").query(DEACTIVATE, { id: leaver, reason: "left the company" });
    expect(errorCode(refused)).toBe("CONFLICT");
    expect(refused.errors![0].extensions).toMatchObject({ openWork: { clients: open.clients, cases: open.openCases, tasks: open.openTasks } });
    expect((await owner().query("SELECT active FROM memberships WHERE id = $1", [leaver])).rows[0].active).toBe(true);

    await addMember(owner(), "cover@cn-sz.test", "CN-SZ", "CONSULTANT", "OPERATIONS");
    await t.as("president@cn-sz.demo").data(TRANSFER, { from: leaver, to: await membershipOf("cover@cn-sz.test", "CN-SZ") });
    expect((await t.as("president@cn-sz.demo").data(DEACTIVATE, { id: leaver, reason: "left the company" })).deactivateMembership.status).toBe("DEACTIVATED");
  });
});
