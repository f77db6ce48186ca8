import type { ModuleSettings } from "../../config";
import { ActingContext, writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { Role } from "../../context/roles";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, conflict, forbidden } from "../../shared/errors";
import { t } from "../../shared/messages";
import { parseIdOrThrow } from "../../shared/ids";
import { Page, PageArgs } from "../../shared/pagination";
import type { CaseEvaluatedHook } from "../cases/case-evaluated-hooks";
import { canWriteCase } from "../cases/case-access";
import { ServiceCase } from "../cases/service-case.entity";
import { ServiceTier } from "../cases/service-step";
import { Membership } from "../identity/membership.entity";
import { Revisit, RevisitStatus } from "./revisit.entity";
import { RaiseServiceRequestInput, RecordRevisitInput, RevisitListArgs, ScheduleRevisitInput, ServiceRequestListArgs } from "./service-desk.inputs";
import { ServiceRequestAction, assertActionOrThrow } from "./service-request-workflow";
import { ServiceRequest, ServiceRequestKind, ServiceRequestStatus, ServiceRequestTransition } from "./service-request.entity";

/** Seed 002 三: a SPECIAL client's requests go to its dedicated consultant, the others to whoever takes them. */
const HANDLER_ROLES: ReadonlySet<Role> = new Set([Role.STAFF, Role.CONSULTANT]);
/** Members who act on any request or revisit of their centre; a consultant acts only on their own. */
const ACTS_ON_EVERY_REQUEST: ReadonlySet<Role> = new Set([Role.PRESIDENT, Role.DEPUTY, Role.DEPARTMENT_HEAD, Role.STAFF]);
const TIER_RANK = [ServiceTier.GENERAL, ServiceTier.KEY, ServiceTier.SPECIAL];

export async function raiseServiceRequest(session: MemberSession, input: RaiseServiceRequestInput, settings: ModuleSettings): Promise<ServiceRequest> {
  const { db, acting, loaders } = session;
  const client = writableOrThrow(acting, await loaders.crm.clientById.load(parseIdOrThrow(input.clientId, "clientId")), "Client");
  let serviceCase: ServiceCase | null = null;
  if (input.caseId) {
    serviceCase = await loaders.cases.serviceCaseById.load(parseIdOrThrow(input.caseId, "caseId"));
    if (!serviceCase || serviceCase.tenantId !== client.tenantId || serviceCase.clientId !== client.id) {
      throw badUserInput("caseId must name a service case of the client", "caseId");
    }
  }
  const tier = serviceCase?.tier ?? (await clientTier(session, client.tenantId, client.id));
  const handlerId = input.handlerId ?? (tier === ServiceTier.SPECIAL && client.consultantId ? client.consultantId : acting.userId);
  await assertHandlerOrThrow(session, client.tenantId, handlerId);
  return insertReturning(db, ServiceRequest, {
    tenantId: client.tenantId,
    kind: input.kind,
    channel: input.channel,
    clientId: client.id,
    caseId: serviceCase?.id ?? null,
    tier,
    subject: input.subject.trim(),
    description: input.description.trim(),
    handlerId,
    status: ServiceRequestStatus.OPEN,
    raisedBy: acting.userId,
    dueAt: () => `now() + ${Number(settings.serviceDeskHours[tier])} * interval '1 hour'`,
  });
}

/** The client's tier: the highest of its cases (seed 002 三 grades clients by importance), GENERAL without cases. */
async function clientTier({ db }: MemberSession, tenantId: string, clientId: string): Promise<ServiceTier> {
  const rows = await query<{ tier: ServiceTier }>(db, sql`SELECT DISTINCT tier FROM service_cases WHERE tenant_id = ${tenantId} AND client_id = ${clientId}`);
  return rows.map((row) => row.tier).reduce((best, tier) => (TIER_RANK.indexOf(tier) > TIER_RANK.indexOf(best) ? tier : best), ServiceTier.GENERAL);
}

async function assertHandlerOrThrow({ db }: MemberSession, tenantId: string, userId: string): Promise<void> {
  const membership = await db.getRepository(Membership).findOneBy({ tenantId, userId: parseIdOrThrow(userId, "handlerId"), active: true });
  if (!membership || !HANDLER_ROLES.has(membership.role)) {
    throw badUserInput("The handler must be an active staff member or consultant of the client's centre: name one in handlerId", "handlerId");
  }
}

export function startServiceRequest(session: MemberSession, id: string, note: string | undefined): Promise<ServiceRequest> {
  return moveOrThrow(session, id, ServiceRequestAction.START, note?.trim() || null, () => ({ startedAt: () => "coalesce(started_at, now())" }));
}

export function resolveServiceRequest(session: MemberSession, id: string, resolution: string): Promise<ServiceRequest> {
  if (!resolution.trim()) throw badUserInput("A resolution must not be blank", "resolution");
  return moveOrThrow(session, id, ServiceRequestAction.RESOLVE, resolution.trim(), () => ({ resolution: resolution.trim(), resolvedAt: () => "now()" }));
}

export function closeServiceRequest(session: MemberSession, id: string, note: string | undefined): Promise<ServiceRequest> {
  return moveOrThrow(session, id, ServiceRequestAction.CLOSE, note?.trim() || null, () => ({ closedAt: () => "now()" }));
}

/** The client disagrees with the resolution: back to IN_PROGRESS, within the reopen period from the latest resolution. */
export function reopenServiceRequest(session: MemberSession, id: string, reason: string, reopenDays: number): Promise<ServiceRequest> {
  if (!reason.trim()) throw badUserInput("Say why the client disagrees", "reason");
  return moveOrThrow(session, id, ServiceRequestAction.REOPEN, reason.trim(), (request) => {
    if (Date.now() > request.resolvedAt!.getTime() + reopenDays * 86_400_000) {
      throw conflict(t("The reopen period of {reopenDays, plural, one {# day} other {# days}} after the resolution has ended", { reopenDays }), { status: request.status });
    }
    return { reopenCount: () => "reopen_count + 1" };
  });
}

/** Seed 004 §4: the centre records the client's satisfaction with a complaint's handling, once, after resolution. */
export async function rateServiceRequest(session: MemberSession, id: string, satisfaction: number): Promise<ServiceRequest> {
  if (!Number.isInteger(satisfaction) || satisfaction < 0 || satisfaction > 100) {
    throw badUserInput("satisfaction is a whole number from 0 to 100", "satisfaction");
  }
  const request = await lockRequestOrThrow(session, id);
  if (request.kind !== ServiceRequestKind.COMPLAINT) throw badUserInput("Only a complaint's handling is rated", "id");
  if (request.status !== ServiceRequestStatus.RESOLVED && request.status !== ServiceRequestStatus.CLOSED) {
    throw conflict("A complaint's handling is rated once it is resolved", { status: request.status });
  }
  if (request.satisfaction !== null) throw conflict("The client's satisfaction with this complaint is already recorded", { status: request.status });
  const [rated] = await updateReturning(session.db, ServiceRequest, { satisfaction, ratedBy: session.acting.userId, ratedAt: () => "now()" }, rowKey(request));
  return rated;
}

/** Hands an unfinished request to another handler (e.g. when its handler leaves); the same rule as raising it names the new one. */
export async function reassignServiceRequest(session: MemberSession, id: string, handlerId: string): Promise<ServiceRequest> {
  const request = await lockRequestOrThrow(session, id);
  if (request.status === ServiceRequestStatus.CLOSED) throw conflict("A closed request keeps its handler", { status: request.status });
  await assertHandlerOrThrow(session, request.tenantId, handlerId);
  const [reassigned] = await updateReturning(session.db, ServiceRequest, { handlerId }, rowKey(request));
  return reassigned;
}

export async function listServiceRequests({ db, acting }: MemberSession, args: ServiceRequestListArgs): Promise<Page<ServiceRequest>> {
  const matching = () => {
    const query = db.getRepository(ServiceRequest).createQueryBuilder("r").where("r.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.kind) query.andWhere("r.kind = :kind", { kind: args.kind });
    if (args.status) query.andWhere("r.status = :status", { status: args.status });
    if (args.escalation) query.andWhere("r.escalation = :escalation", { escalation: args.escalation });
    if (args.clientId) query.andWhere("r.client_id = :clientId", { clientId: args.clientId });
    if (args.handlerId) query.andWhere("r.handler_id = :handlerId", { handlerId: args.handlerId });
    return query;
  };
  return keysetPage(matching, byTimestamp("r", "raised_at"), args);
}

async function moveOrThrow(
  session: MemberSession,
  id: string,
  action: ServiceRequestAction,
  note: string | null,
  values: (request: ServiceRequest) => Parameters<typeof updateReturning<ServiceRequest>>[2],
): Promise<ServiceRequest> {
  const request = await lockRequestOrThrow(session, id);
  const to = assertActionOrThrow(request.status, action);
  const [moved] = await updateReturning(session.db, ServiceRequest, { ...values(request), status: to }, rowKey(request));
  await insertReturning(session.db, ServiceRequestTransition, {
    tenantId: request.tenantId,
    requestId: request.id,
    fromStatus: request.status,
    toStatus: to,
    note,
    byUser: session.acting.userId,
  });
  return moved;
}

function assertActsOrThrow(acting: ActingContext, ownerId: string, label: "serviceRequests" | "revisits"): void {
  if (!ACTS_ON_EVERY_REQUEST.has(acting.role) && ownerId !== acting.userId) throw forbidden(t("Consultants act only on the {label, select, revisits {revisits} other {service requests}} assigned to them", { label }));
}

/** NOT_FOUND when invisible, FORBIDDEN outside the caller's writable tenant or for another consultant's request; locked. */
async function lockRequestOrThrow({ db, acting, loaders }: MemberSession, id: string): Promise<ServiceRequest> {
  const seen = writableOrThrow(acting, await loaders.serviceDesk.serviceRequestById.load(parseIdOrThrow(id)), "Service request");
  assertActsOrThrow(acting, seen.handlerId, "serviceRequests");
  return (await lockRow(db, ServiceRequest, seen))!;
}

/** Seed 004 §4 客戶回訪: each evaluation schedules one revisit of the client, due `revisitDueDays` later, for the case's consultant. */
export const scheduleRevisitOnEvaluation: CaseEvaluatedHook = async ({ session, settings, serviceCase, evaluation }) => {
  await insertReturning(session.db, Revisit, {
    tenantId: serviceCase.tenantId,
    caseId: serviceCase.id,
    clientId: serviceCase.clientId,
    evaluationId: evaluation.id,
    assigneeId: serviceCase.consultantId,
    dueAt: new Date(evaluation.evaluatedAt.getTime() + settings.revisitDueDays * 86_400_000),
    status: RevisitStatus.SCHEDULED,
    scheduledBy: session.acting.userId,
  });
};

export async function scheduleRevisit(session: MemberSession, input: ScheduleRevisitInput): Promise<Revisit> {
  const { acting, loaders } = session;
  const serviceCase = writableOrThrow(acting, await loaders.cases.serviceCaseById.load(parseIdOrThrow(input.caseId, "caseId")), "Service case");
  if (!canWriteCase(acting, serviceCase)) throw forbidden("Consultants schedule revisits only for the cases assigned to them");
  if (input.dueAt.getTime() < Date.now()) throw badUserInput("dueAt must not be in the past", "dueAt");
  return insertReturning(session.db, Revisit, {
    tenantId: serviceCase.tenantId,
    caseId: serviceCase.id,
    clientId: serviceCase.clientId,
    assigneeId: serviceCase.consultantId,
    dueAt: input.dueAt,
    status: RevisitStatus.SCHEDULED,
    scheduledBy: acting.userId,
  });
}

export async function recordRevisit(session: MemberSession, id: string, input: RecordRevisitInput): Promise<Revisit> {
  const { db, acting, loaders } = session;
  const doneAt = input.doneAt ?? new Date();
  if (doneAt.getTime() > Date.now()) throw badUserInput("doneAt must not be in the future", "doneAt");
  const seen = writableOrThrow(acting, await loaders.serviceDesk.revisitById.load(parseIdOrThrow(id)), "Revisit");
  assertActsOrThrow(acting, seen.assigneeId, "revisits");
  const revisit = (await lockRow(db, Revisit, seen))!;
  if (revisit.status !== RevisitStatus.SCHEDULED) throw conflict("The revisit is already recorded", { status: revisit.status });
  const [done] = await updateReturning(
    db,
    Revisit,
    { status: RevisitStatus.DONE, channel: input.channel, outcome: input.outcome, notes: input.notes?.trim() || null, doneAt, doneBy: acting.userId },
    rowKey(revisit),
  );
  return done;
}

export async function listRevisits({ db, acting }: MemberSession, args: RevisitListArgs): Promise<Page<Revisit>> {
  const matching = () => {
    const query = db.getRepository(Revisit).createQueryBuilder("v").where("v.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.caseId) query.andWhere("v.case_id = :caseId", { caseId: args.caseId });
    if (args.status) query.andWhere("v.status = :status", { status: args.status });
    return query;
  };
  return keysetPage(matching, byTimestamp("v", "due_at"), args);
}

/** Scheduled revisits past their due time in every visible tenant, most overdue first (like overdueTasks). */
export async function listOverdueRevisits({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Revisit>> {
  const matching = () =>
    db
      .getRepository(Revisit)
      .createQueryBuilder("v")
      .where("v.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
      .andWhere("v.status = :scheduled", { scheduled: RevisitStatus.SCHEDULED })
      .andWhere("v.due_at < now()");
  return keysetPage(matching, byTimestamp("v", "due_at"), args);
}
