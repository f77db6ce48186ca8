import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { conflict } from "../../shared/errors";
import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { InterCentreSettlement, SettlementStatus } from "./settlement.entity";

export const INTER_CENTRE_SETTLEMENT_SUBJECT = "INTER_CENTRE_SETTLEMENT";

/**
 * Seed 001: the finance department prepares the statement, the national centre's deputy or
 * president approves it in the centre's own tenant. A decider may escalate it to head office
 * (deputy or higher there); the SLA does not escalate it by itself. A rejected or withdrawn
 * statement returns to DRAFT for correction; the reason stays on the approval request.
 */
export const INTER_CENTRE_SETTLEMENT_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: INTER_CENTRE_SETTLEMENT_SUBJECT,
  chain: () => [{ tenant: "OWN", minAuthorityLevel: 2 }],
  escalationLevel: () => 2,
  escalatesOnSla: false,
  async onDecided({ db, request, result }: ApprovalOutcome) {
    const outcome =
      result === "APPROVED"
        ? { status: SettlementStatus.APPROVED, decidedAt: () => "now()" }
        : { status: SettlementStatus.DRAFT, submittedAt: null };
    // The request lives in the national centre; the statement in the counterparty it settles with.
    const [decided] = await updateReturning(
      db,
      InterCentreSettlement,
      outcome,
      {
        sql: "parent_tenant_id = :centre AND id = :id AND status = 'SUBMITTED'",
        parameters: { centre: request.tenantId, id: request.subjectId },
      },
    );
    if (!decided) throw conflict("The settlement is no longer awaiting approval");
  },
};
