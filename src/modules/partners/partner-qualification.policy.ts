import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { QualificationPurpose, PartnerQualification, QualificationStatus } from "./partner-qualification.entity";
import { query, sql } from "../../db/rows/sql";

export const PARTNER_QUALIFICATION_SUBJECT = "PARTNER_QUALIFICATION";

/** Seed 003 §2 "periodic review": an approved file is valid this long; then the next one is due. */
export const REVIEW_INTERVAL_MONTHS = 12;

/**
 * A qualification file is decided by the partner's centre, at department-head level or higher.
 * The centre is already the top of the chain a partner may reach (never its grandparent), so
 * nothing escalates.
 */
export const PARTNER_QUALIFICATION_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: PARTNER_QUALIFICATION_SUBJECT,
  chain: () => [{ tenant: "PARENT", minAuthorityLevel: 3 }],
  escalationLevel: () => null,
  escalatesOnSla: false,
  /**
   * Runs as the decider: the centre (APPROVED, REJECTED) through the parent policies, or the
   * partner withdrawing its own file. Approval admits an applied partner and restarts the review clock.
   */
  async onDecided({ db, request, result }: ApprovalOutcome) {
    const [file] = await updateReturning(
      db,
      PartnerQualification,
      { status: result as QualificationStatus, decidedAt: () => "now()" },
      rowKey({ tenantId: request.tenantId, id: request.subjectId }),
    );
    if (result !== "APPROVED") return;
    // Only an applied partner is admitted; a suspended one stays suspended, a terminated one terminated.
    await query(db, sql`UPDATE tenants SET status = 'ACTIVE' WHERE id = ${file.tenantId} AND status = 'APPLIED'`);
    const admission = file.purpose === QualificationPurpose.ADMISSION;
    await query(
      db,
      sql`UPDATE partner_profiles
          SET admitted_at = CASE WHEN ${admission} THEN coalesce(admitted_at, now()) ELSE admitted_at END,
              last_reviewed_at = now(),
              next_review_due = (current_date + make_interval(months => ${REVIEW_INTERVAL_MONTHS}))::date
        WHERE tenant_id = ${file.tenantId}`,
    );
  },
};
