import { errorCode, useTestApp } from "../support/test-app";
import { DEMO_EMAILS, HOME_TENANT, PARENT, PARTNER_APPROVAL_SUBJECTS, READS_PARTNER_RECORDS, VISIBLE_TENANTS } from "../support/demo-network";

interface OwnedRow {
  id: string;
  tenant_code: string;
  subject_type?: string;
}

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
let requests: OwnedRow[];
let grants: OwnedRow[];

beforeAll(async () => {
  const owned = async (table: string, columns = "") =>
    (await t.database.owner.query(`SELECT r.id, t.code AS tenant_code ${columns} FROM ${table} r JOIN tenants t ON t.id = r.tenant_id`)).rows;
  requests = await owned("approval_requests", ", r.subject_type");
  grants = await owned("grants");
  expect(requests.length).toBeGreaterThanOrEqual(5);
});

const sorted = (values: string[]) => [...values].sort();

/**
 * Approval rows are readable in the visible tenants, and by the direct parent of the requester's
 * tenant; a partner's requests about its own records only where the parent member's duty reads them.
 */
const readable = (email: string) => (row: OwnedRow) =>
  VISIBLE_TENANTS[email].includes(row.tenant_code) ||
  (PARENT[row.tenant_code] === HOME_TENANT[email] && (!PARTNER_APPROVAL_SUBJECTS.includes(row.subject_type ?? "") || READS_PARTNER_RECORDS.has(email)));

describe.each(DEMO_EMAILS)("approvals and grants as %s", (email) => {
  it("approvalRequests and approvalRequest(id) show exactly the readable requests; the rest look missing", async () => {
    const list = await t.as(email).query("{ approvalRequests(first: 100) { totalCount edges { node { id } } } }");
    const expected = requests.filter(readable(email)).map((r) => r.id);
    expect(sorted(list.data.approvalRequests.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    for (const request of requests) {
      const one = await t.as(email).query("query($id: ID!) { approvalRequest(id: $id) { id steps { tenant { code } } } }", { id: request.id });
      if (expected.includes(request.id)) expect(one.data.approvalRequest.id).toBe(request.id);
      else expect(one).toEqual({ status: 200, data: { approvalRequest: null } });
    }
  });

  it("grants and grant(id) show exactly the readable grants", async () => {
    const list = await t.as(email).query("{ grants(first: 100) { edges { node { id } } } }");
    const expected = grants.filter(readable(email)).map((g) => g.id);
    expect(sorted(list.data.grants.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    for (const grant of grants) {
      const one = await t.as(email).query("query($id: ID!) { grant(id: $id) { id } }", { id: grant.id });
      expect(one.data.grant).toEqual(expected.includes(grant.id) ? { id: grant.id } : null);
    }
  });

  it("deciding an unreadable request answers NOT_FOUND, like a missing one", async () => {
    for (const request of requests.filter((r) => !readable(email)(r))) {
      const response = await t.as(email).query(
        "mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }",
        { id: request.id },
      );
      expect(errorCode(response)).toBe(email === "auditor@hq.demo" ? "FORBIDDEN" : "NOT_FOUND");
    }
  });
});
