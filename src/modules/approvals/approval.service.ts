import type { EntityManager, SelectQueryBuilder } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page, PageArgs } from "../../shared/pagination";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { ApprovalPolicy, approvalPolicyOrThrow } from "./approval-policies";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import {
  assertEligibleDeciderOrThrow,
  assertMayDecideOrThrow,
  assertMayWithdrawOrThrow,
  currentStepOrThrow,
  planEscalationOrThrow,
} from "./approval-decisions";
import { addWorkingDays } from "./approval-sla";
import { DecidingAuthority, MAY_DECIDE_CURRENT_STEP_SQL, decidingAuthorities } from "./approval-authority";
import { workingCalendarOf } from "../calendars/working-calendar.service";
import { ApprovalDecision, ApprovalStatus, ApprovalStepStatus } from "./approval-types";
import { recordEvent } from "../events/event-outbox";

export interface ApprovalSubject {
  subjectType: string;
  subjectId: string;
  level: number;
  reason: string;
}

/** A request from the acting member, with its chain built from the subject type's policy. */
export async function submitApprovalRequest(
  { db, acting }: MemberSession,
  subject: ApprovalSubject,
  { parentTenantId, slaWorkingDays }: { parentTenantId: string | null; slaWorkingDays: Record<number, number> },
): Promise<ApprovalRequest> {
  const policy = approvalPolicyOrThrow(subject.subjectType);
  const chain = policy.chain(subject.level).filter((step) => step.tenant === "OWN" || parentTenantId !== null);
  const request = await insertReturning(db, ApprovalRequest, {
    tenantId: acting.tenantId,
    parentTenantId,
    subjectType: subject.subjectType,
    subjectId: subject.subjectId,
    level: subject.level,
    reason: subject.reason.trim(),
    requesterId: acting.userId,
    requesterMembershipId: acting.membershipId,
    status: ApprovalStatus.PENDING,
    currentPosition: 0,
  });
  const now = new Date();
  for (const [position, step] of chain.entries()) {
    const decidingTenantId = step.tenant === "OWN" ? request.tenantId : (parentTenantId as string);
    await insertReturning(db, ApprovalStep, {
      tenantId: request.tenantId,
      requestId: request.id,
      parentTenantId,
      position,
      decidingTenantId,
      minAuthorityLevel: step.minAuthorityLevel,
      status: position === 0 ? ApprovalStepStatus.PENDING : ApprovalStepStatus.WAITING,
      activatedAt: position === 0 ? now : null,
      dueAt: position === 0 ? addWorkingDays(now, slaWorkingDays[subject.level], await workingCalendarOf(db, decidingTenantId)) : null,
    });
  }
  await recordStepEvent(db, "approval.step_waiting", request, 0, acting.userId);
  return request;
}

/**
 * APPROVE moves to the next step or approves the request; REJECT ends it; ESCALATE hands the
 * step to the parent tenant. The request row is locked first, so of two deciders racing for the
 * same step exactly one succeeds and the other gets CONFLICT.
 */
export async function decideApprovalRequest(
  session: MemberSession,
  id: string,
  decision: ApprovalDecision,
  reason: string | undefined,
  slaWorkingDays: Record<number, number>,
): Promise<ApprovalRequest> {
  const trimmed = reason?.trim() || null;
  if (decision === ApprovalDecision.REJECT && !trimmed) throw badUserInput("A rejection needs a reason", "reason");
  const authorities = await decidingAuthorities(session.db);
  const { request, steps } = await lockRequestOrThrow(session, id, (request, steps) =>
    assertEligibleDeciderOrThrow(session.acting, authorities, request, steps),
  );
  const { current, authority } = assertMayDecideOrThrow(session.acting, authorities, request, steps);
  const policy = approvalPolicyOrThrow(request.subjectType);
  const decider = { acting: session.acting, reason: trimmed, authority };

  if (decision === ApprovalDecision.ESCALATE) {
    return escalateStep(session.db, { request, steps, current, policy, slaWorkingDays, decider });
  }
  await closeStep(session.db, current, decision === ApprovalDecision.APPROVE ? ApprovalStepStatus.APPROVED : ApprovalStepStatus.REJECTED, decision, decider);
  const next = steps.find((step) => step.position === current.position + 1);
  if (decision === ApprovalDecision.APPROVE && next) {
    await activateStep(session.db, next, request.level, slaWorkingDays);
    await recordStepEvent(session.db, "approval.step_waiting", request, next.position, session.acting.userId);
    const advanced = await updateRequest(session.db, request, { currentPosition: next.position });
    await policy.onStepApproved?.({ db: session.db, acting: session.acting, request: advanced, position: current.position });
    return advanced;
  }
  const result = decision === ApprovalDecision.APPROVE ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
  const decided = await updateRequest(session.db, request, { status: result, currentPosition: null, decidedAt: () => "now()" });
  await policy.onDecided({ db: session.db, acting: session.acting, request: decided, result, session });
  await recordEvent(session, {
    type: "approval.decided",
    tenantId: decided.tenantId,
    subjectType: "ApprovalRequest",
    subjectId: decided.id,
    data: { result, position: current.position },
  });
  return decided;
}

export async function withdrawApprovalRequest(session: MemberSession, id: string): Promise<ApprovalRequest> {
  const { request, steps } = await lockRequestOrThrow(session, id, (request, steps) => assertMayWithdrawOrThrow(session.acting, request, steps));
  assertMayWithdrawOrThrow(session.acting, request, steps);
  const current = currentStepOrThrow(request, steps);
  await updateReturning(session.db, ApprovalStep, { status: ApprovalStepStatus.WITHDRAWN }, rowKey(current));
  const withdrawn = await updateRequest(session.db, request, { status: ApprovalStatus.WITHDRAWN, currentPosition: null, decidedAt: () => "now()" });
  await approvalPolicyOrThrow(request.subjectType).onDecided({ db: session.db, acting: session.acting, request: withdrawn, result: "WITHDRAWN", session });
  return withdrawn;
}

/**
 * Checks the request as the caller sees it (NOT_FOUND, FORBIDDEN, CONFLICT), then locks it and
 * reads it again: whatever changed meanwhile is re-checked on the locked row.
 */
async function lockRequestOrThrow(
  { db, loaders }: MemberSession,
  id: string,
  check: (request: ApprovalRequest, steps: ApprovalStep[]) => unknown,
): Promise<{ request: ApprovalRequest; steps: ApprovalStep[] }> {
  const seen = await loaders.approvals.approvalRequestById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Approval request not found");
  check(seen, await loadSteps(db, seen));
  const request = await lockRow(db, ApprovalRequest, seen);
  if (!request) throw conflict("The request changed meanwhile");
  return { request, steps: await loadSteps(db, request) };
}

export async function loadSteps(db: EntityManager, request: ApprovalRequest): Promise<ApprovalStep[]> {
  return db.getRepository(ApprovalStep).find({ where: { tenantId: request.tenantId, requestId: request.id }, order: { position: "ASC" } });
}

interface Decider {
  acting: ActingContext | null;
  reason: string | null;
  /** What the person decided under; absent for the SLA job. */
  authority?: DecidingAuthority;
}

/** Hands the current own-tenant step to the parent; shared by people and the SLA job. */
export async function escalateStep(
  db: EntityManager,
  args: {
    request: ApprovalRequest;
    steps: ApprovalStep[];
    current: ApprovalStep;
    policy: ApprovalPolicy;
    slaWorkingDays: Record<number, number>;
    decider: Decider;
  },
): Promise<ApprovalRequest> {
  const { request, steps, current, policy, slaWorkingDays, decider } = args;
  const plan = planEscalationOrThrow(request, steps, current, policy);
  await closeStep(db, current, ApprovalStepStatus.ESCALATED, ApprovalDecision.ESCALATE, decider);
  const target =
    "activate" in plan
      ? plan.activate
      : await insertReturning(db, ApprovalStep, {
          tenantId: request.tenantId,
          requestId: request.id,
          parentTenantId: request.parentTenantId,
          position: plan.append.position,
          decidingTenantId: request.parentTenantId as string,
          minAuthorityLevel: plan.append.minAuthorityLevel,
          status: ApprovalStepStatus.WAITING,
        });
  await activateStep(db, target, request.level, slaWorkingDays);
  await recordStepEvent(db, "approval.escalated", request, target.position, decider.acting?.userId ?? null);
  return updateRequest(db, request, { currentPosition: target.position });
}

/** The step at `position` now waits for its deciders (escalated: handed up by a person or the SLA job). */
function recordStepEvent(
  db: EntityManager,
  type: "approval.step_waiting" | "approval.escalated",
  request: ApprovalRequest,
  position: number,
  actorId: string | null,
): Promise<void> {
  return recordEvent(db, { type, tenantId: request.tenantId, subjectType: "ApprovalRequest", subjectId: request.id, actorId, data: { position } });
}

async function closeStep(db: EntityManager, step: ApprovalStep, status: ApprovalStepStatus, decision: ApprovalDecision, decider: Decider) {
  await updateReturning(
    db,
    ApprovalStep,
    {
      status,
      decision,
      decidedBy: decider.acting?.userId ?? null,
      decidedMembershipId: decider.acting?.membershipId ?? null,
      decidedAt: () => "now()",
      reason: decider.reason,
      automatic: decider.acting === null,
      decidedUnderGrantId: decider.authority?.grantId ?? null,
      decidedUnderGrantNotice: decider.authority?.grantNotice ?? null,
      delegationId: decider.authority?.delegationId ?? null,
      onBehalfOfUserId: decider.authority?.onBehalfOfUserId ?? null,
      onBehalfOfMembershipId: decider.authority?.onBehalfOfMembershipId ?? null,
    },
    rowKey(step),
  );
}

async function activateStep(db: EntityManager, step: ApprovalStep, level: number, slaWorkingDays: Record<number, number>) {
  const now = new Date();
  await updateReturning(
    db,
    ApprovalStep,
    { status: ApprovalStepStatus.PENDING, activatedAt: now, dueAt: addWorkingDays(now, slaWorkingDays[level], await workingCalendarOf(db, step.decidingTenantId)) },
    rowKey(step),
  );
}

async function updateRequest(db: EntityManager, request: ApprovalRequest, values: Parameters<typeof updateReturning<ApprovalRequest>>[2]) {
  const [updated] = await updateReturning(db, ApprovalRequest, values, rowKey(request));
  return updated;
}

/**
 * Requests whose current step the caller may decide: in the caller's tenant or a direct child's,
 * under one of the caller's authorities (role, active grant, delegation), never their own (nor,
 * for a delegate, the delegator's) and never one they already decided a step of.
 */
export async function listApprovalInbox({ db, acting }: MemberSession, args: PageArgs): Promise<Page<ApprovalRequest>> {
  const matching = () =>
    db
      .getRepository(ApprovalRequest)
      .createQueryBuilder("r")
      .innerJoin(ApprovalStep, "s", "s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.position = r.current_position")
      .where("r.status = 'PENDING'")
      .andWhere("(r.tenant_id = :acting OR r.parent_tenant_id = :acting)", { acting: acting.tenantId })
      .andWhere("s.deciding_tenant_id = :acting")
      .andWhere("r.requester_id <> :user", { user: acting.userId })
      .andWhere(MAY_DECIDE_CURRENT_STEP_SQL, { user: acting.userId });
  return pageOfRequests(matching, args);
}

/** Every request the caller may read (visible tenants, and direct children's for their parent). */
export async function listApprovalRequests(
  { db, acting }: MemberSession,
  args: PageArgs & { status?: ApprovalStatus; subjectType?: string },
): Promise<Page<ApprovalRequest>> {
  const matching = () => {
    const query = db
      .getRepository(ApprovalRequest)
      .createQueryBuilder("r")
      .where(...inVisibleTenantsOrChildren("r", acting));
    if (args.status) query.andWhere("r.status = :status", { status: args.status });
    if (args.subjectType) query.andWhere("r.subject_type = :subjectType", { subjectType: args.subjectType });
    return query;
  };
  return pageOfRequests(matching, args);
}

function pageOfRequests(matching: () => SelectQueryBuilder<ApprovalRequest>, args: PageArgs): Promise<Page<ApprovalRequest>> {
  return keysetPage(matching, byTimestamp("r", "created_at"), args);
}
