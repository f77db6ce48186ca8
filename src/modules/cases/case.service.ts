import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { JoinedRow, insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { conflict, forbidden } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { NamePairs, whereNameHolds } from "../../shared/name-search";
import { Page, PageArgs } from "../../shared/pagination";
import { byDate, byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { Client } from "../crm/client.entity";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import { Role } from "../../context/roles";
import { User } from "../identity/user.entity";
import { writableCaseOrThrow } from "./case-access";
import { CaseNeeds, CaseTask, CaseTransition } from "./case-records.entity";
import { CaseEvidence, assertCanTransitionOrThrow } from "./case-workflow";
import { OpenServiceCaseInput, ServiceCaseListArgs } from "./case.inputs";
import { responseDueAt } from "./response-targets";
import { workingCalendarOf } from "../calendars/working-calendar.service";
import { ServiceCase } from "./service-case.entity";
import { IntakeChannel, ServiceStep, TaskStatus } from "./service-step";
import { recordEvent } from "../events/event-outbox";
import { Sql, empty, identifier, query, sql } from "../../db/rows/sql";

/** Open cases past their response target, or with an open task past its due date. */
const OVERDUE = `(c.step <> 'ARCHIVED' AND (
  coalesce(c.first_response_at, now()) > c.response_due_at
  OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.tenant_id = c.tenant_id AND t.case_id = c.id
             AND t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_on < current_date)))`;

/** Cases' title character pairs, for search; cases are listed by when they were opened. */
const CASE_TITLE_PAIRS: NamePairs = { table: "service_case_title_pairs", listedBy: "opened_at" };

/**
 * Cases of every visible tenant, oldest first. `nodeFields`: what the query selects on each case;
 * its client and consultant are then read in the list's own statement.
 */
export async function listServiceCases(
  { db, acting, loaders }: MemberSession,
  args: ServiceCaseListArgs,
  nodeFields: ReadonlySet<string> = new Set(),
): Promise<Page<ServiceCase>> {
  const matching = () => {
    const query = db
      .getRepository(ServiceCase)
      .createQueryBuilder("c")
      .where("c.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.search) whereNameHolds(query, "c", args.search, CASE_TITLE_PAIRS);
    if (args.step) query.andWhere("c.step = :step", { step: args.step });
    if (args.tier) query.andWhere("c.tier = :tier", { tier: args.tier });
    if (args.consultantId) query.andWhere("c.consultant_id = :consultantId", { consultantId: args.consultantId });
    if (args.overdue !== undefined && args.overdue !== null) query.andWhere(args.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    return query;
  };
  const joined: JoinedRow<Client | User>[] = [];
  if (nodeFields.has("client")) joined.push({ entity: Client, alias: "cl", on: { tenant_id: "tenant_id", id: "client_id" }, loader: loaders.crm.clientById });
  if (nodeFields.has("consultant")) joined.push({ entity: User, alias: "u", on: { id: "consultant_id" }, loader: loaders.identity.userById });
  return keysetPage(matching, byTimestamp("c", "opened_at"), args, joined);
}

/** Open tasks past their due date in every visible tenant, most overdue first. */
export async function listOverdueTasks({ db, acting }: MemberSession, args: PageArgs): Promise<Page<CaseTask>> {
  const matching = () =>
    db
      .getRepository(CaseTask)
      .createQueryBuilder("t")
      .where("t.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
      .andWhere("t.status IN (:...open)", { open: [TaskStatus.OPEN, TaskStatus.IN_PROGRESS] })
      .andWhere("t.due_on < current_date");
  return keysetPage(matching, byDate("t", "due_on"), args);
}

/**
 * Opens a case at INTAKE for a client of the caller's own tenant. The needs captured with the
 * client (or given here) become the case's intake record.
 */
export async function openServiceCase(
  session: MemberSession,
  input: OpenServiceCaseInput,
  responseTargetHours: Parameters<typeof responseDueAt>[2],
): Promise<ServiceCase> {
  const { db, acting, loaders } = session;
  const client = writableOrThrow(acting, await loaders.crm.clientById.load(parseIdOrThrow(input.clientId, "clientId")), "Client");
  const consultantId = input.consultantId?.toLowerCase() ?? defaultConsultant(session, client.consultantId);
  if (acting.role === Role.CONSULTANT && consultantId !== acting.userId) {
    throw forbidden("A consultant opens cases only for themselves");
  }
  await assertWorkingMemberOrThrow(db, { tenantId: client.tenantId, userId: consultantId, argument: "consultantId" });

  const openedAt = new Date();
  const calendar = await workingCalendarOf(db, client.tenantId);
  const serviceCase = await insertReturning(db, ServiceCase, {
    tenantId: client.tenantId,
    clientId: client.id,
    title: input.title.trim(),
    tier: input.tier,
    step: ServiceStep.INTAKE,
    consultantId,
    openedBy: acting.userId,
    openedAt,
    responseDueAt: responseDueAt(openedAt, input.tier, responseTargetHours, calendar),
  });
  await recordTransition(session, serviceCase, null, ServiceStep.INTAKE, "opened");
  const needs = input.needs?.trim() || client.needs?.trim();
  if (needs) {
    await insertReturning(db, CaseNeeds, {
      tenantId: serviceCase.tenantId,
      caseId: serviceCase.id,
      channel: input.intakeChannel ?? IntakeChannel.ONLINE_FORM,
      needs,
      capturedBy: acting.userId,
    });
  }
  return serviceCase;
}

function defaultConsultant({ acting }: MemberSession, clientConsultantId: string | null): string {
  if (acting.role === Role.CONSULTANT) return acting.userId;
  return clientConsultantId ?? acting.userId;
}

/**
 * Moves a case to `to` when the transition table allows it and the step's records exist.
 * The case row is locked for the rest of the transaction, so two moves never interleave.
 */
export async function advanceServiceCase(session: MemberSession, id: string, to: ServiceStep, note?: string): Promise<ServiceCase> {
  const serviceCase = await lockCaseForWriteOrThrow(session, id);
  return moveCaseOrThrow(session, serviceCase, to, note);
}

export async function moveCaseOrThrow(session: MemberSession, serviceCase: ServiceCase, to: ServiceStep, note?: string): Promise<ServiceCase> {
  assertCanTransitionOrThrow(serviceCase.step, to, await loadEvidence(session, serviceCase));
  const [moved] = await updateReturning(
    session.db,
    ServiceCase,
    {
      step: to,
      updatedAt: () => "now()",
      ...(to === ServiceStep.ARCHIVED ? { archivedAt: () => "now()" } : {}),
      ...(serviceCase.step === ServiceStep.INTAKE ? { firstResponseAt: () => "coalesce(first_response_at, now())" } : {}),
    },
    rowKey(serviceCase, { sql: "step = :from", parameters: { from: serviceCase.step } }),
  );
  if (!moved) throw conflict("The case changed meanwhile; reload it and retry");
  await recordTransition(session, moved, serviceCase.step, to, note);
  await recordEvent(session, {
    type: "case.step_changed",
    tenantId: moved.tenantId,
    subjectType: "ServiceCase",
    subjectId: moved.id,
    data: { from: serviceCase.step, to },
  });
  return moved;
}

/**
 * The case to write a record to or move: visible (else NOT_FOUND), the caller's to change (else
 * FORBIDDEN), not archived (else CONFLICT), and locked FOR UPDATE until the request ends.
 */
export async function lockCaseForWriteOrThrow(session: MemberSession, id: string): Promise<ServiceCase> {
  const { db, acting, loaders } = session;
  const visible = writableCaseOrThrow(acting, await loaders.cases.serviceCaseById.load(parseIdOrThrow(id)));
  const fresh = writableCaseOrThrow(acting, await lockRow(db, ServiceCase, visible));
  loaders.cases.serviceCaseById.clear(fresh.id).prime(fresh.id, fresh);
  return fresh;
}

async function recordTransition(
  { db, acting }: MemberSession,
  serviceCase: ServiceCase,
  from: ServiceStep | null,
  to: ServiceStep,
  note?: string,
): Promise<void> {
  await insertReturning(db, CaseTransition, {
    tenantId: serviceCase.tenantId,
    caseId: serviceCase.id,
    fromStep: from,
    toStep: to,
    note: note?.trim() || null,
    actorId: acting.userId,
  });
}

/** Everything the workflow needs to know about a case's records, in one statement. */
async function loadEvidence({ db }: MemberSession, serviceCase: ServiceCase): Promise<CaseEvidence> {
  const ofCase = sql`tenant_id = ${serviceCase.tenantId} AND case_id = ${serviceCase.id}`;
  const count = (table: string, extra = empty) => sql`(SELECT count(*)::int FROM ${identifier(table)} WHERE ${ofCase} ${extra})`;
  const latest = (table: string, column: string, order: Sql) =>
    sql`(SELECT ${identifier(column)} FROM ${identifier(table)} WHERE ${ofCase} ORDER BY ${order} LIMIT 1)`;
  const certificationOrder = sql`created_at DESC, id DESC`;
  const [row] = await query<CaseEvidence>(
    db,
    sql`SELECT ${count("case_needs")} AS "needsRecords",
            ${count("service_plans")} AS "planVersions",
            ${latest("service_plans", "status", sql`version DESC`)} AS "latestPlanStatus",
            ${count("case_tasks", sql`AND status <> 'CANCELLED'`)} AS "tasks",
            ${count("service_records")} AS "serviceRecords",
            ${count("material_handovers")} AS "handovers",
            ${count("material_handovers", sql`AND acknowledged_at IS NULL`)} AS "unacknowledgedHandovers",
            ${count("certification_reviews")} AS "certificationReviews",
            ${latest("certification_reviews", "status", certificationOrder)} AS "latestCertificationStatus",
            ${latest("certification_reviews", "result", certificationOrder)} AS "latestCertificationResult",
            ${count("case_evaluations")} AS "evaluations"`,
  );
  return row;
}
