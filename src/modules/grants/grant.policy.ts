import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { issueNoticeOrThrow } from "../approvals/notice.service";
import { Grant, StoredGrantStatus } from "./grant.entity";

export const GRANT_SUBJECT = "GRANT";

/**
 * Seed 002, level by level: a grant of level L is reviewed in the holder's own tenant at
 * authority L or higher; a level-1 grant then also by the parent's president. Escalation (by a
 * decider, or by the SLA job) hands the own-tenant step to the parent's deputy or president.
 */
export const GRANT_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: GRANT_SUBJECT,
  chain: (level) =>
    level === 1
      ? [
          { tenant: "OWN", minAuthorityLevel: 1 },
          { tenant: "PARENT", minAuthorityLevel: 1 },
        ]
      : [{ tenant: "OWN", minAuthorityLevel: level }],
  escalationLevel: (level) => Math.min(level, 2),
  escalatesOnSla: true,
  async onDecided({ db, acting, request, result }: ApprovalOutcome) {
    const key = rowKey({ tenantId: request.tenantId, id: request.subjectId });
    if (result !== "APPROVED" || !acting) {
      await updateReturning(db, Grant, { storedStatus: result as StoredGrantStatus }, key);
      return;
    }
    const noticeNumber = await issueNoticeOrThrow(db, acting, {
      subjectType: GRANT_SUBJECT,
      subjectId: request.subjectId,
      subjectTenantId: request.tenantId,
    });
    await updateReturning(
      db,
      Grant,
      { storedStatus: StoredGrantStatus.APPROVED, approvedAt: () => "now()", grantedByTenantId: acting.tenantId, noticeNumber },
      key,
    );
  },
};
