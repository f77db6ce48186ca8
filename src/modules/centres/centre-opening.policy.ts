import { Department, Role } from "../../context/roles";
import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { query, sql } from "../../db/rows/sql";
import type { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { sendInvitation } from "../people/invitation.service";
import { CentreOpening, CentreOpeningStatus } from "./centre-opening.entity";
import { CENTRE_OPENING_SUBJECT } from "./centre-opening.service";

/**
 * A centre opening is decided by the proposing tenant's president (level 1, its own tenant; the
 * engine never lets the requester decide). Nothing escalates: opening a child is the proposing
 * tenant's own decision.
 */
export const CENTRE_OPENING_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: CENTRE_OPENING_SUBJECT,
  chain: () => [{ tenant: "OWN", minAuthorityLevel: 1 }],
  escalationLevel: () => null,
  escalatesOnSla: false,
  /** Approved: the centre becomes ACTIVE and its first administrator is invited as PRESIDENT. Otherwise it is TERMINATED, never entered. */
  async onDecided({ db, request, result, session }: ApprovalOutcome) {
    const [opening] = await updateReturning(
      db,
      CentreOpening,
      { status: result as CentreOpeningStatus, decidedAt: () => "now()" },
      rowKey({ tenantId: request.tenantId, id: request.subjectId }),
    );
    await query(db, sql`UPDATE tenants SET status = ${result === "APPROVED" ? "ACTIVE" : "TERMINATED"} WHERE id = ${opening.centreTenantId} AND status = 'APPLIED'`);
    if (result !== "APPROVED") return;
    if (!session) throw new Error("A centre opening is approved by a member, whose session sends the invitation");
    await sendInvitation(
      session,
      { tenantId: opening.centreTenantId, email: opening.adminEmail, displayName: opening.adminDisplayName, role: Role.PRESIDENT, department: Department.MANAGEMENT },
      session.settings,
    );
  },
};
