import { DEFAULT_APPROVAL_SLA_WORKING_DAYS, addWorkingDays } from "../modules/approvals/approval-sla";
import { DEFAULT_ASSESSMENT_RULE, KpiScores, gradeAssessment } from "../modules/assessments/assessment-grade";
import { PARTNER_QUALIFICATION_SUBJECT } from "../modules/partners/partner-qualification.policy";
import { DEMO_TENANTS, demoId } from "./demo-data";
import type { SeedRow } from "./demo-cases";

const DAY = 24 * 3_600_000;
const ADMITTED_AT = new Date("2026-01-12T10:00:00Z");
const CERT = "CN-SH-CERT";
const CERT_ADMIN = "admin@cn-sh-cert.demo";
const SH_PRESIDENT = "president@cn-sh.demo";

const tenantId = (code: string) => demoId("tenant", code);
const userId = (email: string) => demoId("user", email);

interface DemoAssessment {
  provider: string;
  centre: string;
  assessor: string;
  periodFrom: string;
  periodUntil: string;
  scores: KpiScores;
}

/**
 * In period order per provider; the last one sets the grade DEMO_TENANTS gives it
 * (CN-SH-CERT grade 1 after a failed quarter, CN-IT grade 2), under the default scheme.
 */
const DEMO_ASSESSMENTS: DemoAssessment[] = [
  { provider: CERT, centre: "CN-SH", assessor: SH_PRESIDENT, periodFrom: "2025-10-01", periodUntil: "2025-12-31", scores: { quality: 65, efficiency: 70, satisfaction: 60, fulfilmentRate: 75 } },
  { provider: CERT, centre: "CN-SH", assessor: SH_PRESIDENT, periodFrom: "2026-01-01", periodUntil: "2026-03-31", scores: { quality: 95, efficiency: 90, satisfaction: 92, fulfilmentRate: 96 } },
  { provider: "CN-IT", centre: "CN", assessor: "president@cn.demo", periodFrom: "2026-01-01", periodUntil: "2026-03-31", scores: { quality: 85, efficiency: 80, satisfaction: 84, fulfilmentRate: 88 } },
];

/**
 * The partner archive of DESIGN §6: CN-SH-CERT's card (admitted, review due in 60 days from the
 * seeding), its approved admission file, a re-review file awaiting CN-SH's decision, and the
 * assessments behind the demo provider grades. No tenants or users are added.
 */
export function demoPartnerRows(now: Date = new Date()): SeedRow[] {
  const parent = tenantId("CN-SH");
  const partner = tenantId(CERT);
  const rows: SeedRow[] = [
    {
      table: "partner_profiles",
      values: {
        tenant_id: partner,
        id: demoId("partner-profile", CERT),
        parent_tenant_id: parent,
        partner_type: "CERTIFICATION_BODY",
        service_scope: "ISO 9001 / 14001 certification audits for the Shanghai centre's clients",
        contact_email: CERT_ADMIN,
        admitted_at: ADMITTED_AT,
        last_reviewed_at: ADMITTED_AT,
        next_review_due: new Date(now.getTime() + 60 * DAY).toISOString().slice(0, 10),
        registered_by: userId(SH_PRESIDENT),
        created_at: new Date(ADMITTED_AT.getTime() - 7 * DAY),
      },
    },
    ...qualificationRows({ key: "cn-sh-cert-admission", purpose: "ADMISSION", submittedAt: new Date(ADMITTED_AT.getTime() - 5 * DAY), approvedAt: ADMITTED_AT, now }),
    ...qualificationRows({ key: "cn-sh-cert-re-review", purpose: "RE_REVIEW", submittedAt: new Date(now.getTime() - 2 * DAY), now }),
  ];
  const failures = new Map<string, number>();
  for (const assessment of DEMO_ASSESSMENTS) {
    const result = gradeAssessment(DEFAULT_ASSESSMENT_RULE, assessment.scores, failures.get(assessment.provider) ?? 0);
    failures.set(assessment.provider, result.consecutiveFailures);
    rows.push({
      table: "provider_assessments",
      values: {
        tenant_id: tenantId(assessment.provider),
        id: demoId("assessment", `${assessment.provider}:${assessment.periodUntil}`),
        parent_tenant_id: tenantId(assessment.centre),
        period_from: assessment.periodFrom,
        period_until: assessment.periodUntil,
        quality: assessment.scores.quality,
        efficiency: assessment.scores.efficiency,
        satisfaction: assessment.scores.satisfaction,
        fulfilment_rate: assessment.scores.fulfilmentRate,
        weighted_score: result.weightedScore,
        grade: result.grade,
        passed: result.passed,
        consecutive_failures: result.consecutiveFailures,
        consequence: result.consequence,
        comments: result.passed ? "Audits delivered on time" : "Late audit reports; rectification advised",
        assessed_by: userId(assessment.assessor),
        created_at: new Date(`${assessment.periodUntil}T12:00:00Z`),
      },
    });
    const expected = DEMO_TENANTS.find((tenant) => tenant.code === assessment.provider)?.providerGrade;
    const isLatest = DEMO_ASSESSMENTS.filter((a) => a.provider === assessment.provider).at(-1) === assessment;
    if (isLatest && expected !== result.grade) throw new Error(`Demo assessment of ${assessment.provider} gives grade ${result.grade}, not ${expected}`);
  }
  return rows;
}

/** A qualification file of CN-SH-CERT with its approval request: approved by CN-SH's president, or pending at CN-SH. */
function qualificationRows(file: { key: string; purpose: string; submittedAt: Date; approvedAt?: Date; now: Date }): SeedRow[] {
  const partner = tenantId(CERT);
  const parent = tenantId("CN-SH");
  const fileId = demoId("qualification", file.key);
  const requestId = demoId("approval", file.key);
  const approved = file.approvedAt ?? null;
  return [
    {
      table: "partner_qualifications",
      values: {
        tenant_id: partner,
        id: fileId,
        parent_tenant_id: parent,
        purpose: file.purpose,
        licence: "Business licence 91310000MA1CE0005B, valid until 2030",
        certificates: "CNAS accreditation CNAS C123-M; ISO/IEC 17021-1",
        team: "12 registered lead auditors, 4 technical experts",
        client_references: "Shanghai Pudong Precision Machinery; Huangpu Fresh Foods",
        status: approved ? "APPROVED" : "SUBMITTED",
        decided_at: approved,
        submitted_by: userId(CERT_ADMIN),
        created_at: file.submittedAt,
      },
    },
    {
      table: "approval_requests",
      values: {
        tenant_id: partner,
        id: requestId,
        parent_tenant_id: parent,
        subject_type: PARTNER_QUALIFICATION_SUBJECT,
        subject_id: fileId,
        level: 3,
        reason: `${file.purpose} qualification of ${CERT}`,
        requester_id: userId(CERT_ADMIN),
        requester_membership_id: demoId("membership", CERT_ADMIN),
        status: approved ? "APPROVED" : "PENDING",
        current_position: approved ? null : 0,
        created_at: file.submittedAt,
        decided_at: approved,
      },
    },
    {
      table: "approval_steps",
      values: {
        tenant_id: partner,
        id: demoId("approval-step", `${file.key}:0`),
        request_id: requestId,
        parent_tenant_id: parent,
        position: 0,
        deciding_tenant_id: parent,
        min_authority_level: 3,
        status: approved ? "APPROVED" : "PENDING",
        activated_at: approved ? file.submittedAt : file.now,
        due_at: approved ? new Date(file.submittedAt.getTime() + 4 * DAY) : addWorkingDays(file.now, DEFAULT_APPROVAL_SLA_WORKING_DAYS[3]),
        decision: approved ? "APPROVE" : null,
        decided_by: approved ? userId(SH_PRESIDENT) : null,
        decided_membership_id: approved ? demoId("membership", SH_PRESIDENT) : null,
        decided_at: approved,
        reason: null,
        automatic: false,
      },
    },
  ];
}
