import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { conflict } from "../../shared/errors";
import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { ServiceStandard, ServiceStandardStatus } from "./service-standard.entity";

export const SERVICE_STANDARD_SUBJECT = "SERVICE_STANDARD";

/**
 * Seed 000: the company submits, its national centre reviews at deputy level or higher. The
 * centre is already the top of what an affiliated company may ask, so nothing escalates. The
 * centre's writes pass the parent_update policy; its column guard allows only the decision.
 */
export const SERVICE_STANDARD_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: SERVICE_STANDARD_SUBJECT,
  chain: () => [{ tenant: "PARENT", minAuthorityLevel: 2 }],
  escalationLevel: () => null,
  escalatesOnSla: false,
  async onDecided({ db, request, result }: ApprovalOutcome) {
    const underReview = rowKey({ tenantId: request.tenantId, id: request.subjectId }, { sql: "status = 'SUBMITTED'" });
    const status = result as ServiceStandardStatus; // the outcome names are the standard's statuses
    const published = result === "APPROVED" ? { publishedAt: () => "now()" } : {};
    const [decided] = await updateReturning(db, ServiceStandard, { status, decidedAt: () => "now()", ...published }, underReview);
    if (!decided) throw conflict("The service standard is no longer under review");
    if (result !== "APPROVED") return;
    // The newly published version replaces whichever earlier version of the title was in force.
    await updateReturning(
      db,
      ServiceStandard,
      { status: ServiceStandardStatus.SUPERSEDED },
      {
        sql: "tenant_id = :tenantId AND title = :title AND status = 'APPROVED' AND version < :version",
        parameters: { tenantId: decided.tenantId, title: decided.title, version: decided.version },
      },
    );
  },
};
