import { useTestApp } from "../support/test-app";
import { DEMO_EMAILS, VISIBLE_TENANTS } from "../support/demo-network";

interface CaseRow {
  id: string;
  tenant_code: string;
}

const t = useTestApp();
let cases: CaseRow[];
let tasks: CaseRow[];
let audit: { tenant_code: string; count: number }[];

beforeAll(async () => {
  cases = (await t.database.owner.query("SELECT c.id, t.code AS tenant_code FROM service_cases c JOIN tenants t ON t.id = c.tenant_id")).rows;
  tasks = (
    await t.database.owner.query(
      "SELECT k.id, t.code AS tenant_code FROM case_tasks k JOIN tenants t ON t.id = k.tenant_id WHERE k.status IN ('OPEN','IN_PROGRESS') AND k.due_on < current_date",
    )
  ).rows;
  audit = (
    await t.database.owner.query("SELECT t.code AS tenant_code, count(*)::int AS count FROM audit_log a JOIN tenants t ON t.id = a.tenant_id GROUP BY t.code")
  ).rows;
});

const sorted = (values: string[]) => [...values].sort();
const DOSSIER = `query($id: ID!) { serviceCase(id: $id) {
  id tenant { code } client { id tenant { code } } consultant { id }
  needs { id } plans { id } tasks { id owner { id } } serviceRecords { id } materialHandovers { id }
  certificationReviews { id } evaluation { id } history { id actor { id } }
} }`;

describe.each(DEMO_EMAILS)("service cases as %s", (email) => {
  const visible = VISIBLE_TENANTS[email];

  it("serviceCases lists exactly the cases of the visible tenants", async () => {
    const response = await t.as(email).query("{ serviceCases(first: 100) { totalCount edges { node { id tenant { code } } } } }");
    const expected = cases.filter((c) => visible.includes(c.tenant_code)).map((c) => c.id);
    expect(sorted(response.data.serviceCases.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    expect(response.data.serviceCases.totalCount).toBe(expected.length);
  });

  it("serviceCase(id) answers a foreign case exactly like a missing one, and a visible dossier holds only its tenant's rows", async () => {
    const missing = await t.as(email).query(DOSSIER, { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing).toEqual({ status: 200, data: { serviceCase: null } });
    for (const serviceCase of cases) {
      const response = await t.as(email).query(DOSSIER, { id: serviceCase.id });
      if (!visible.includes(serviceCase.tenant_code)) {
        expect(response).toEqual(missing);
        continue;
      }
      expect(response.errors).toBeUndefined();
      const dossier = response.data.serviceCase;
      expect(dossier.tenant.code).toBe(serviceCase.tenant_code);
      expect(dossier.client.tenant.code).toBe(serviceCase.tenant_code);
      const { rows } = await t.database.owner.query(
        `SELECT DISTINCT t.code FROM (
           SELECT tenant_id FROM case_needs WHERE id = ANY($1) UNION ALL SELECT tenant_id FROM service_plans WHERE id = ANY($1)
           UNION ALL SELECT tenant_id FROM case_tasks WHERE id = ANY($1) UNION ALL SELECT tenant_id FROM case_transitions WHERE id = ANY($1)
         ) r JOIN tenants t ON t.id = r.tenant_id`,
        [[...dossier.needs, ...dossier.plans, ...dossier.tasks, ...dossier.history].map((r: { id: string }) => r.id)],
      );
      expect(rows.map((r) => r.code)).toEqual([serviceCase.tenant_code]);
    }
  });

  it("overdueTasks lists exactly the overdue tasks of the visible tenants", async () => {
    const response = await t.as(email).query("{ overdueTasks(first: 100) { totalCount edges { node { id overdue serviceCase { tenant { code } } } } } }");
    const expected = tasks.filter((task) => visible.includes(task.tenant_code)).map((task) => task.id);
    expect(sorted(response.data.overdueTasks.edges.map((e: any) => e.node.id))).toEqual(sorted(expected));
    for (const edge of response.data.overdueTasks.edges) expect(edge.node.overdue).toBe(true);
  });

  it("auditLog covers exactly the visible tenants' trails", async () => {
    const response = await t.as(email).query("{ auditLog(first: 100) { totalCount edges { node { tenant { code } } } } }");
    const expected = audit.filter((a) => visible.includes(a.tenant_code)).reduce((sum, a) => sum + a.count, 0);
    expect(response.data.auditLog.totalCount).toBe(expected);
    for (const edge of response.data.auditLog.edges) expect(visible).toContain(edge.node.tenant.code);
  });
});

describe("filters never widen the visible set", () => {
  it("a city centre filtering by another centre's consultant finds nothing", async () => {
    const outsider = (await t.database.owner.query("SELECT id FROM users WHERE email = 'consultant@cn-sz.demo'")).rows[0].id;
    const president = t.as("president@cn-sh.demo");
    const response = await president.query("query($c: ID!) { serviceCases(consultantId: $c) { totalCount } }", { c: outsider });
    expect(response.data.serviceCases.totalCount).toBe(0);
  });

  it("step and tier filters return only matching visible cases", async () => {
    const president = t.as("president@cn.demo");
    const response = await president.query("{ serviceCases(step: ARCHIVED) { edges { node { step tenant { code } } } } }");
    expect(response.data.serviceCases.edges.map((e: any) => e.node.tenant.code).sort()).toEqual(["CN-SH", "CN-SZ"]);
    const special = await president.query("{ serviceCases(tier: SPECIAL, first: 100) { edges { node { tier } } } }");
    expect(special.data.serviceCases.edges.length).toBeGreaterThan(0);
    for (const edge of special.data.serviceCases.edges) expect(edge.node.tier).toBe("SPECIAL");
  });

  it("overdue: true lists the open cases past their response target or with an overdue task", async () => {
    const president = t.as("president@cn-sh.demo");
    const response = await president.query("{ serviceCases(overdue: true) { edges { node { step pastResponseTarget tasks { overdue } } } } }");
    const nodes = response.data.serviceCases.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.step).not.toBe("ARCHIVED");
      expect(node.pastResponseTarget || node.tasks.some((task: { overdue: boolean }) => task.overdue)).toBe(true);
    }
  });
});
