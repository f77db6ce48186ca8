import { TestApp, errorCode, startTestApp } from "../support/test-app";
import { DEMO_EMAILS, HOME_TENANT, PARENT, PARTNER_APPROVAL_SUBJECTS, READS_PARTNER_RECORDS, VISIBLE_TENANTS } from "../support/demo-network";

interface OwnedRow {
  id: string;
  tenant_code: string;
  subject_type?: string;
}

let t: TestApp;
let requests: OwnedRow[];
let grants: OwnedRow[];

beforeAll(async () => {
  t = await startTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
  const owned = async (table: string, columns = "") =>
    (await t.database.owner.query(`SELECT r.id, t.code AS tenant_code ${columns} FROM ${table} r JOIN tenants t ON t.id = r.tenant_id`)).rows;
  requests = await owned("approval_requests", ", r.subject_type");
  grants = await owned("grants");
  expect(requests.length).toBeGreaterThanOrEqual(5);
});
afterAll(() => t.stop());

const sorted = (values: string[]) => [...values].sort();

/**
 * Approval rows are readable in the visible tenants, and by the direct parent of the requester's
 * tenant; a partner's requests about its own records only where the parent member's duty reads them.
 */
const readable = (email: string) => (row: OwnedRow) =>
  VISIBLE_TENANTS[email].includes(row.tenant_code) ||
  (PARENT[row.tenant_code] === HOME_TENANT[email] && (!PARTNER_APPROVAL_SUBJECTS.includes(row.subject_type ?? "") || READS_PARTNER_RECORDS.has(email)));

describe.each(DEMO_EMAILS)("approvals and grants as %s", (email) => {
  let token: string;
  beforeAll(async () => {
    token = await t.login(email);
  });

  it("approvalRequests and approvalRequest(id) show exactly the readable requests; the rest look missing", async () => {
    const list = await t.graphql("{ approvalRequests(first: 100) { totalCount edges { node { id } } } }", {}, { token });
    const expected = requests.filter(readable(email)).map((r) => r.id);
    expect(sorted(list.data.approvalRequests.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    for (const request of requests) {
      const one = await t.graphql("query($id: ID!) { approvalRequest(id: $id) { id steps { tenant { code } } } }", { id: request.id }, { token });
      if (expected.includes(request.id)) expect(one.data.approvalRequest.id).toBe(request.id);
      else expect(one).toEqual({ status: 200, data: { approvalRequest: null } });
    }
  });

  it("grants and grant(id) show exactly the readable grants", async () => {
    const list = await t.graphql("{ grants(first: 100) { edges { node { id } } } }", {}, { token });
    const expected = grants.filter(readable(email)).map((g) => g.id);
    expect(sorted(list.data.grants.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    for (const grant of grants) {
      const one = await t.graphql("query($id: ID!) { grant(id: $id) { id } }", { id: grant.id }, { token });
      expect(one.data.grant).toEqual(expected.includes(grant.id) ? { id: grant.id } : null);
    }
  });

  it("deciding an unreadable request answers NOT_FOUND, like a missing one", async () => {
    for (const request of requests.filter((r) => !readable(email)(r))) {
      const response = await t.graphql(
        "mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }",
        { id: request.id },
        { token },
      );
      expect(errorCode(response)).toBe(email === "auditor@hq.demo" ? "FORBIDDEN" : "NOT_FOUND");
    }
  });
});
