import type { ActingContext } from "../../context/acting-context";
import { conflict, forbidden } from "../../shared/errors";
import type { ApprovalPolicy } from "./approval-policies";
import type { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { ApprovalStatus } from "./approval-types";
import { t } from "../../shared/messages";

/** The current step, when the request is still open; CONFLICT once it is decided or withdrawn. */
export function currentStepOrThrow(request: ApprovalRequest, steps: readonly ApprovalStep[]): ApprovalStep {
  const current = request.status === ApprovalStatus.PENDING ? steps.find((s) => s.position === request.currentPosition) : undefined;
  if (!current) throw conflict(t("The request is already {status}", { status: request.status }), { status: request.status });
  return current;
}

/**
 * Who may decide the current step: an active member of that step's tenant (so never a
 * grandparent), with an authority level number at most the step's, who is not the requester.
 * These facts do not change while others decide, so they are checked before the row lock too.
 */
export function assertEligibleDeciderOrThrow(acting: ActingContext, request: ApprovalRequest, steps: readonly ApprovalStep[]): ApprovalStep {
  const current = currentStepOrThrow(request, steps);
  if (acting.tenantId !== current.decidingTenantId) {
    throw forbidden("The current step is decided by another tenant: the requester's own or its direct parent");
  }
  if (acting.authorityLevel === null || acting.authorityLevel > current.minAuthorityLevel) {
    throw forbidden(t("The current step needs authority level {level} or higher", { level: current.minAuthorityLevel }));
  }
  if (acting.userId === request.requesterId) throw forbidden("Nobody decides their own request");
  return current;
}

/** Eligible, and on the locked request: has not decided another step of the same request. */
export function assertMayDecideOrThrow(acting: ActingContext, request: ApprovalRequest, steps: readonly ApprovalStep[]): ApprovalStep {
  const current = assertEligibleDeciderOrThrow(acting, request, steps);
  if (steps.some((step) => step.decidedBy === acting.userId)) {
    throw forbidden("One person never decides two steps of the same request");
  }
  return current;
}

/** Where an escalation goes: the next step when it is already the parent's, else a new parent step. */
export type EscalationPlan = { activate: ApprovalStep } | { append: { position: number; minAuthorityLevel: number } };

export function planEscalationOrThrow(
  request: ApprovalRequest,
  steps: readonly ApprovalStep[],
  current: ApprovalStep,
  policy: ApprovalPolicy,
): EscalationPlan {
  if (current.decidingTenantId !== request.tenantId || !request.parentTenantId) {
    throw conflict("Escalation goes one level up only: this step has no tenant above it that may decide");
  }
  const escalationLevel = policy.escalationLevel(request.level);
  if (escalationLevel === null) throw conflict(t("{subjectType} requests of level {level} do not escalate", { subjectType: request.subjectType, level: request.level }));
  const next = steps.find((step) => step.position === current.position + 1);
  if (next && next.decidingTenantId === request.parentTenantId) return { activate: next };
  if (next) throw conflict("The chain continues in the requester's tenant; decide this step first");
  return { append: { position: current.position + 1, minAuthorityLevel: escalationLevel } };
}

/** Withdrawal: by the requester, before anyone has decided anything. */
export function assertMayWithdrawOrThrow(acting: ActingContext, request: ApprovalRequest, steps: readonly ApprovalStep[]): void {
  currentStepOrThrow(request, steps);
  if (acting.userId !== request.requesterId) throw forbidden("Only the requester withdraws a request");
  if (steps.some((step) => step.decidedAt !== null)) throw conflict("A request cannot be withdrawn after its first decision");
}
