import { hashPassword } from "../../src/modules/identity/password";
import { DEMO_PASSWORD, demoId } from "../../src/demo-data/demo-data";
import { withRuntimeContext } from "../support/runtime-role";
import { errorCode, useTestApp } from "../support/test-app";

/**
 * Issue 15 item 11: a centre's members read its partners' records only where their duty needs
 * them — presidents, deputies, and the heads and staff of management and finance; never a
 * consultant, nor staff or heads of other departments.
 */
const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const tenant = (code: string) => demoId("tenant", code);
const CERT = tenant("CN-SH-CERT");
const CONTRACT = demoId("partner-contract", "certification-framework");
const FEE_SETTLEMENT = demoId("fee-settlement", "framework-february");
const COMPLAINT = demoId("complaint", "referral-fees");
const OPERATIONS_STAFF = "operations@cn-sh.test";

/** The parent-side tables of a partner's records (migration UnforgeableContext). */
const PARTNER_RECORD_TABLES = [
  "partner_profiles",
  "partner_qualifications",
  "partner_contracts",
  "partner_contract_versions",
  "fee_settlements",
  "provider_assessments",
  "complaints",
  "complaint_events",
];

beforeAll(async () => {
  const userId = demoId("test-user", OPERATIONS_STAFF);
  await t.database.owner.query("INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, 'CN-SH operations staff', $3)", [
    userId,
    OPERATIONS_STAFF,
    await hashPassword(DEMO_PASSWORD),
  ]);
  await t.database.owner.query("INSERT INTO memberships (tenant_id, user_id, role, department) VALUES ($1, $2, 'STAFF', 'OPERATIONS')", [tenant("CN-SH"), userId]);
});

/** The partner's rows each parent-side table shows to a CN-SH member of `role` in `department`, in SQL as the runtime role. */
async function partnerRowsSeenBy(role: string, department: string): Promise<Record<string, number>> {
  const cnSh = tenant("CN-SH");
  return withRuntimeContext(t.database.owner, { tenantId: cnSh, role, department, visible: [cnSh], writable: [cnSh] }, async (sql) => {
    const seen: Record<string, number> = {};
    for (const table of [...PARTNER_RECORD_TABLES, "approval_requests"]) {
      seen[table] = (await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [CERT])).rows[0].n;
    }
    return seen;
  });
}

describe("a centre's partner records, in SQL as the runtime role", () => {
  it.each([
    ["CONSULTANT", "OPERATIONS"],
    ["CONSULTANT", "FINANCE"],
    ["STAFF", "OPERATIONS"],
    ["STAFF", "TRAINING"],
    ["DEPARTMENT_HEAD", "OPERATIONS"],
    ["DEPARTMENT_HEAD", "MEDIA"],
  ])("a CN-SH %s of %s reads none of CN-SH-CERT's records nor its requests about them", async (role, department) => {
    const seen = await partnerRowsSeenBy(role, department);
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((table) => [table, 0])));
  });

  it.each([
    ["PRESIDENT", "MANAGEMENT"],
    ["DEPUTY", "OPERATIONS"],
    ["DEPARTMENT_HEAD", "FINANCE"],
    ["DEPARTMENT_HEAD", "MANAGEMENT"],
    ["STAFF", "FINANCE"],
    ["STAFF", "MANAGEMENT"],
  ])("a CN-SH %s of %s reads CN-SH-CERT's contracts, fee settlements and complaints", async (role, department) => {
    const seen = await partnerRowsSeenBy(role, department);
    for (const table of ["partner_profiles", "partner_contracts", "partner_contract_versions", "fee_settlements", "complaints", "approval_requests"]) {
      expect([table, seen[table]]).toEqual([table, expect.any(Number)]);
      expect(seen[table]).toBeGreaterThan(0);
    }
  });

  it("a CN-SH consultant writes none of them either: an insert is refused and an update touches nothing", async () => {
    const cnSh = tenant("CN-SH");
    const consultant = { tenantId: cnSh, userId: demoId("user", "consultant@cn-sh.demo"), role: "CONSULTANT", department: "OPERATIONS", visible: [cnSh], writable: [cnSh] };
    await expect(
      withRuntimeContext(t.database.owner, consultant, (sql) =>
        sql.query(
          `INSERT INTO complaints (tenant_id, parent_tenant_id, raised_by_tenant_id, subject, description, raised_by)
           VALUES ($1, $2, $2, 'Consultant complaint', 'x', $3)`,
          [CERT, cnSh, consultant.userId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withRuntimeContext(t.database.owner, consultant, (sql) =>
      sql.query("UPDATE fee_settlements SET status = status WHERE tenant_id = $1", [CERT]),
    );
    expect(updated.rowCount).toBe(0);
  });
});

describe("a centre's partner records, through GraphQL", () => {
  const as = async (email: string, query: string, variables: Record<string, unknown> = {}) =>
    t.graphql(query, variables, { token: await t.login(email) });
  const ONE = `query($contract: ID!, $settlement: ID!, $complaint: ID!) {
    partnerContract(id: $contract) { id }
    feeSettlement(id: $settlement) { id }
    complaint(id: $complaint) { id }
  }`;
  const LISTS = `query($partner: ID!) {
    partnerContracts(partnerId: $partner) { totalCount }
    feeSettlements(partnerId: $partner) { totalCount }
    complaints(providerId: $partner) { totalCount }
  }`;
  const ids = { contract: CONTRACT, settlement: FEE_SETTLEMENT, complaint: COMPLAINT };

  it.each(["consultant@cn-sh.demo", OPERATIONS_STAFF])("%s reads none of CN-SH-CERT's contract, fee settlement or complaint", async (email) => {
    expect(await as(email, ONE, ids)).toEqual({ status: 200, data: { partnerContract: null, feeSettlement: null, complaint: null } });
    expect((await as(email, LISTS, { partner: CERT })).data).toEqual({
      partnerContracts: { totalCount: 0 },
      feeSettlements: { totalCount: 0 },
      complaints: { totalCount: 0 },
    });
  });

  it.each(["president@cn-sh.demo", "staff@cn-sh.demo"])("%s reads them", async (email) => {
    expect((await as(email, ONE, ids)).data).toEqual({ partnerContract: { id: CONTRACT }, feeSettlement: { id: FEE_SETTLEMENT }, complaint: { id: COMPLAINT } });
    const lists = (await as(email, LISTS, { partner: CERT })).data;
    for (const list of Object.values(lists) as { totalCount: number }[]) expect(list.totalCount).toBeGreaterThan(0);
  });

  it("the fee settlement review stays with the staff who do it: a consultant's decision finds no request, management staff decides it", async () => {
    const request = (await t.database.owner.query("SELECT id FROM approval_requests WHERE subject_id = $1", [FEE_SETTLEMENT])).rows[0].id;
    const DECIDE = `mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE, reason: "checked") { status } }`;
    for (const email of ["consultant@cn-sh.demo", OPERATIONS_STAFF]) {
      expect([email, errorCode(await as(email, DECIDE, { id: request }))]).toEqual([email, "NOT_FOUND"]);
      const inbox = (await as(email, "{ approvalInbox(first: 100) { edges { node { id } } } }")).data.approvalInbox.edges;
      expect(inbox.map((e: { node: { id: string } }) => e.node.id)).not.toContain(request);
    }
    expect((await as("staff@cn-sh.demo", DECIDE, { id: request })).data.decideApproval.status).toBe("PENDING");
    const { rows } = await t.database.owner.query("SELECT status FROM fee_settlements WHERE id = $1", [FEE_SETTLEMENT]);
    expect(rows).toEqual([{ status: "REVIEWED" }]);
  });
});
