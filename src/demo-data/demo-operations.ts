import { demoId } from "./demo-data";
import type { SeedRow } from "./demo-cases";

const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);

/**
 * Seed 004 §3 and §7 in CN-SH: a hosted helpdesk project whose plan was reviewed, executing with
 * a task, and a failed supervision check with its rectification notice (past its deadline, not
 * yet rectified).
 */
export function demoOperationRows(): SeedRow[] {
  const tenantId = tenant("CN-SH");
  const projectId = demoId("operation-project", "cn-sh-helpdesk");
  const checkId = demoId("supervision-check", "cn-sh-helpdesk:1");
  return [
    {
      table: "operation_projects",
      values: {
        tenant_id: tenantId,
        id: projectId,
        client_id: demoId("client", "Minhang Logistics Group"),
        title: "Hosted helpdesk for Minhang Logistics",
        stage: "EXECUTING",
        feasibility: "Feasible with two agents on two shifts",
        risk_assessment: "Peak-season call volume",
        goals: "Answer 95 % of calls within a minute",
        strategy: "Two shifts, a shared knowledge base",
        resources: "Two agents, one supervisor",
        plan_review: "APPROVED",
        budget_minor: "36000000",
        currency: "CNY",
        created_by: user("staff@cn-sh.demo"),
        created_at: new Date("2026-02-02T09:00:00Z"),
      },
    },
    {
      table: "project_costs",
      values: {
        tenant_id: tenantId,
        id: demoId("project-cost", "cn-sh-helpdesk:1"),
        project_id: projectId,
        amount_minor: "9000000",
        description: "Agents' salaries, March",
        incurred_on: "2026-03-31",
        recorded_by: user("staff@cn-sh.demo"),
      },
    },
    {
      table: "project_tasks",
      values: {
        tenant_id: tenantId,
        id: demoId("project-task", "cn-sh-helpdesk:knowledge-base"),
        project_id: projectId,
        title: "Publish the knowledge base",
        owner_id: user("consultant@cn-sh.demo"),
        due_on: "2026-03-15",
        status: "IN_PROGRESS",
        created_by: user("staff@cn-sh.demo"),
      },
    },
    {
      table: "supervision_checks",
      values: {
        tenant_id: tenantId,
        id: checkId,
        project_id: projectId,
        findings: "Calls waited up to five minutes at the morning peak",
        passed: false,
        rectification_notice: "Add a third agent to the morning shift",
        checked_by: user("president@cn-sh.demo"),
        checked_at: new Date("2026-03-20T10:00:00Z"),
      },
    },
    {
      table: "rectification_notice_counters",
      values: { tenant_id: tenantId, year: 2026, last_number: 1 },
    },
    {
      table: "rectification_notices",
      values: {
        tenant_id: tenantId,
        id: demoId("rectification-notice", "CN-SH-RN-2026-0001"),
        project_id: projectId,
        check_id: checkId,
        year: 2026,
        number: 1,
        notice_number: "CN-SH-RN-2026-0001",
        requirement: "Add a third agent to the morning shift",
        owner_id: user("staff@cn-sh.demo"),
        due_on: "2026-04-03",
        status: "ISSUED",
        issued_by: user("president@cn-sh.demo"),
        issued_at: new Date("2026-03-20T10:00:00Z"),
      },
    },
  ];
}
