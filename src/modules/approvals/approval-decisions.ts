import type { ActingContext } from "../../context/acting-context";
import { conflict, forbidden } from "../../shared/errors";
import type { DecidingAuthority } from "./approval-authority";
import type { ApprovalPolicy } from "./approval-policies";
import type { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { ApprovalStatus } from "./approval-types";

/** The current step, when the request is still open; CONFLICT once it is decided or withdrawn. */
export function currentStepOrThrow(request: ApprovalRequest, steps: readonly ApprovalStep[]): ApprovalStep {
  const current = request.status === ApprovalStatus.PENDING ? steps.find((s) => s.position === request.currentPosition) : undefined;
  if (!current) throw conflict(`The request is already ${request.status}`, { status: request.status });
  return current;
}

/** The person an authority decides as: the acting member, or the delegator they act for. */
const principalOf = (acting: ActingContext, authority: DecidingAuthority) => authority.onBehalfOfUserId ?? acting.userId;

/**
 * Who may decide the current step: an active member of that step's tenant (so never a
 * grandparent), who is not the requester, holding an authority (`decidingAuthorities`) of the
 * step's level or higher that covers the request's subject type; acting for a delegator, the
 * delegator must not be the requester either. None of this depends on other deciders, so it is
 * checked before the row lock too (against the authorities read once, in the deciding
 * transaction). The usable authorities, best first.
 */
export function assertEligibleDeciderOrThrow(
  acting: ActingContext,
  authorities: readonly DecidingAuthority[],
  request: ApprovalRequest,
  steps: readonly ApprovalStep[],
): { current: ApprovalStep; usable: DecidingAuthority[] } {
  const current = currentStepOrThrow(request, steps);
  if (acting.tenantId !== current.decidingTenantId) {
    throw forbidden("The current step is decided by another tenant: the requester's own or its direct parent");
  }
  if (acting.userId === request.requesterId) throw forbidden("Nobody decides their own request");
  const covering = authorities.filter(
    (authority) =>
      authority.level <= current.minAuthorityLevel && (authority.subjectTypes === null || authority.subjectTypes.includes(request.subjectType)),
  );
  if (covering.length === 0) {
    throw forbidden(
      `The current step needs authority level ${current.minAuthorityLevel} or higher over ${request.subjectType}: by role, an active grant, or a delegation`,
    );
  }
  const usable = covering.filter((authority) => principalOf(acting, authority) !== request.requesterId);
  if (usable.length === 0) throw forbidden("A delegate never decides their delegator's own request on the delegator's behalf");
  return { current, usable };
}

/**
 * Eligible, and on the locked request: neither the acting member nor the person they would act
 * for has decided (or been represented in) another step of the same request. The authority the
 * decision is recorded under: the best one left.
 */
export function assertMayDecideOrThrow(
  acting: ActingContext,
  authorities: readonly DecidingAuthority[],
  request: ApprovalRequest,
  steps: readonly ApprovalStep[],
): { current: ApprovalStep; authority: DecidingAuthority } {
  const { current, usable } = assertEligibleDeciderOrThrow(acting, authorities, request, steps);
  const deciders = new Set(steps.flatMap((step) => [step.decidedBy, step.onBehalfOfUserId]).filter((id) => id !== null));
  const authority = usable.find((candidate) => !deciders.has(acting.userId) && !deciders.has(principalOf(acting, candidate)));
  if (!authority) throw forbidden("One person never decides two steps of the same request");
  return { current, authority };
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
  if (escalationLevel === null) throw conflict(`${request.subjectType} requests of level ${request.level} do not escalate`);
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
