import { DEFAULT_RESPONSE_TARGET_HOURS } from "../modules/cases/response-targets";
import { STEP_ORDER } from "../modules/cases/case-workflow";
import { ServiceStep, ServiceTier } from "../modules/cases/service-step";
import { DEMO_CLIENTS, demoId } from "./demo-data";

/** A row to insert: table name and column → value. */
export interface SeedRow {
  table: string;
  values: Record<string, unknown>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const CASES_FROM = Date.parse("2026-02-02T08:00:00Z");
export const TIERS = [ServiceTier.GENERAL, ServiceTier.KEY, ServiceTier.SPECIAL];

/** Each city centre's consultant and the member who works with them. */
export const CITY_TEAMS: Record<string, { consultant: string; staff: string }> = {
  "CN-SH": { consultant: "consultant@cn-sh.demo", staff: "staff@cn-sh.demo" },
  "CN-SZ": { consultant: "consultant@cn-sz.demo", staff: "president@cn-sz.demo" },
  "MY-KL": { consultant: "consultant@my-kl.demo", staff: "consultant@my-kl.demo" },
};

/**
 * Every city centre has one case at each of the ten steps, with the records each step needs, so
 * every step's query shows something. Cases still at INTAKE are past their response target and
 * early execution tasks are overdue, so those lists are not empty either.
 */
export function demoCaseRows(): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const [tenantCode, team] of Object.entries(CITY_TEAMS)) {
    const tenantId = demoId("tenant", tenantCode);
    const clients = DEMO_CLIENTS.filter((client) => client.tenant === tenantCode);
    const consultantId = demoId("user", team.consultant);
    const staffId = demoId("user", team.staff);

    STEP_ORDER.forEach((step, index) => {
      const key = `${tenantCode}:${step}`;
      const caseId = demoId("case", key);
      const client = clients[index % clients.length];
      const tier = TIERS[index % TIERS.length];
      const openedAt = new Date(CASES_FROM + index * 3 * DAY);
      const at = (days: number) => new Date(openedAt.getTime() + days * DAY);
      const reached = (target: ServiceStep) => index >= STEP_ORDER.indexOf(target);
      const owned = { tenant_id: tenantId, case_id: caseId };

      rows.push({
        table: "service_cases",
        values: {
          tenant_id: tenantId,
          id: caseId,
          client_id: demoId("client", client.name),
          title: `${client.needs} for ${client.name}`,
          tier,
          step,
          consultant_id: consultantId,
          opened_by: staffId,
          opened_at: openedAt,
          response_due_at: new Date(openedAt.getTime() + DEFAULT_RESPONSE_TARGET_HOURS[tier] * HOUR),
          first_response_at: reached(ServiceStep.PROFILED) ? new Date(openedAt.getTime() + 2 * HOUR) : null,
          archived_at: step === ServiceStep.ARCHIVED ? at(30) : null,
          updated_at: at(index),
        },
      });
      STEP_ORDER.slice(0, index + 1).forEach((reachedStep, stepIndex) =>
        rows.push({
          table: "case_transitions",
          values: {
            ...owned,
            id: demoId("transition", `${key}:${reachedStep}`),
            from_step: stepIndex === 0 ? null : STEP_ORDER[stepIndex - 1],
            to_step: reachedStep,
            note: stepIndex === 0 ? "opened" : null,
            actor_id: consultantId,
            at: at(stepIndex),
          },
        }),
      );
      rows.push({
        table: "case_needs",
        values: { ...owned, id: demoId("needs", key), channel: "PHONE", needs: client.needs, captured_by: consultantId, captured_at: openedAt },
      });
      if (reached(ServiceStep.PLAN_DRAFTED)) {
        rows.push({
          table: "service_plans",
          values: {
            ...owned,
            id: demoId("plan", key),
            version: 1,
            content: `Personalised plan: ${client.needs.toLowerCase()}`,
            schedule: "Kick-off in week 1, sessions every two weeks, review in month 3",
            expected_results: "The client passes its certification audit",
            status: reached(ServiceStep.PLAN_CONFIRMED) ? "CONFIRMED" : "PROPOSED",
            client_comment: reached(ServiceStep.PLAN_CONFIRMED) ? "Agreed" : null,
            decided_at: reached(ServiceStep.PLAN_CONFIRMED) ? at(3) : null,
            created_by: consultantId,
            created_at: at(2),
          },
        });
      }
      if (reached(ServiceStep.EXECUTION_PLANNED)) {
        const done = reached(ServiceStep.MATERIALS_TRANSFERRED);
        for (const [n, title] of ["Prepare training materials", "Book the training venue"].entries()) {
          rows.push({
            table: "case_tasks",
            values: {
              ...owned,
              id: demoId("task", `${key}:${n}`),
              title,
              owner_id: n === 0 ? consultantId : staffId,
              due_on: at(5 + n * 3).toISOString().slice(0, 10),
              status: done ? "DONE" : "OPEN",
              completed_at: done ? at(5 + n) : null,
              created_at: at(4),
            },
          });
        }
      }
      if (reached(ServiceStep.IN_SERVICE)) {
        rows.push({
          table: "service_records",
          values: {
            ...owned,
            id: demoId("service-record", key),
            kind: "TRAINING",
            started_at: at(6),
            ended_at: new Date(at(6).getTime() + 3 * HOUR),
            place: `${client.name}, main meeting room`,
            participants: [client.contactName, "Quality team"],
            outcome: "All participants completed the module",
            recorded_by: consultantId,
          },
        });
      }
      if (reached(ServiceStep.MATERIALS_TRANSFERRED)) {
        rows.push({
          table: "material_handovers",
          values: {
            ...owned,
            id: demoId("handover", key),
            body_name: "Pacific Due Diligence Ltd.",
            documents: ["Quality manual", "Training attendance records"],
            handed_over_at: at(8),
            acknowledged_at: reached(ServiceStep.CERTIFICATION) ? at(9) : null,
            recorded_by: consultantId,
          },
        });
      }
      if (reached(ServiceStep.CERTIFICATION)) {
        const completed = reached(ServiceStep.EVALUATED);
        rows.push({
          table: "certification_reviews",
          values: {
            ...owned,
            id: demoId("certification", key),
            body_name: "Shanghai Quality Certification Co., Ltd.",
            scheduled_for: at(12),
            status: completed ? "COMPLETED" : "SCHEDULED",
            result: completed ? "PASSED" : null,
            completed_at: completed ? at(12) : null,
          },
        });
      }
      if (reached(ServiceStep.EVALUATED)) {
        rows.push({
          table: "case_evaluations",
          values: {
            ...owned,
            id: demoId("evaluation", key),
            scores: JSON.stringify([
              { dimension: "SERVICE_QUALITY", score: 5 },
              { dimension: "TIMELINESS", score: 4 },
              { dimension: "COMMUNICATION", score: 5 },
            ]),
            mean_score: 4.67,
            client_feedback: "Professional and well organised",
            follow_up_needed: false,
            evaluated_by: consultantId,
            evaluated_at: at(14),
          },
        });
      }
    });
  }
  return rows;
}
