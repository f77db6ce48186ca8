import type { Language } from "../../shared/language";
import { Message, renderMessage, t } from "../../shared/messages";

/**
 * The exports' column labels for their header rows; the catalogues hold each in every language.
 * A column without a label reads as its key, and a test fails while one exists.
 */
export const REPORT_HEADER_LABELS: Readonly<Record<string, Message>> = {
  tenant_code: t("Tenant code"),
  tenant_name: t("Tenant"),
  tenant_kind: t("Tenant kind"),
  clients: t("Clients"),
  cases: t("Cases"),
  open_cases: t("Open cases"),
  cases_past_response_target: t("Cases past response target"),
  overdue_tasks: t("Overdue tasks"),
  evaluations: t("Evaluations"),
  mean_quality_score: t("Mean quality score"),
  pending_approvals: t("Pending approvals"),
  oldest_pending_approval_hours: t("Oldest pending approval (hours)"),
  active_grants: t("Active grants"),
  archived_cases: t("Archived cases"),
  revisited_cases: t("Revisited cases"),
  revisit_rate: t("Revisit rate (%)"),
  complaints: t("Complaints"),
  open_complaints: t("Open complaints"),
  rated_complaints: t("Rated complaints"),
  complaint_satisfaction: t("Complaint satisfaction"),
  fee_settlements: t("Fee settlements"),
  inter_centre_settlements: t("Inter-centre settlements"),
  cases_intake: t("Cases: intake"),
  cases_profiled: t("Cases: profiled"),
  cases_plan_drafted: t("Cases: plan drafted"),
  cases_plan_confirmed: t("Cases: plan confirmed"),
  cases_execution_planned: t("Cases: execution planned"),
  cases_in_service: t("Cases: in service"),
  cases_materials_transferred: t("Cases: materials transferred"),
  cases_certification: t("Cases: certification"),
  cases_evaluated: t("Cases: evaluated"),
  cases_archived: t("Cases: archived"),
  cases_general: t("Cases: general tier"),
  cases_key: t("Cases: key tier"),
  cases_special: t("Cases: special tier"),
  kpi: t("KPI"),
  value_percent: t("Value (%)"),
  target_percent: t("Target (%)"),
  target_set_by: t("Target set by"),
  meets_target: t("Meets target"),
  sample_size: t("Sample size"),
  period_from: t("Period from"),
  period_to: t("Period to"),
  dispute_handling_satisfaction: t("Dispute handling satisfaction"),
  projects_active: t("Projects: active"),
  projects_accepted: t("Projects: accepted"),
  open_rectifications: t("Open rectification notices"),
  overdue_rectifications: t("Overdue rectification notices"),
  overdue_project_tasks: t("Overdue project tasks"),
  project_budgets: t("Project budget against cost"),
};

export function reportHeaderLabel(column: string, language: Language): string {
  const label = REPORT_HEADER_LABELS[column];
  return label ? renderMessage(label, language) : column;
}
