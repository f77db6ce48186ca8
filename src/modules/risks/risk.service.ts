import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page, PageArgs } from "../../shared/pagination";
import { byDate, byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import { Risk, RiskIndicator, RiskReview, RiskStatus, RiskWarning, WarningStatus, crossesThreshold } from "./risk.entity";
import { AddRiskIndicatorInput, CreateRiskInput, RiskReviewInput, RiskWarningListArgs, UpdateRiskInput } from "./risk.inputs";
import { query, sql } from "../../db/rows/sql";
import { recordEvent } from "../events/event-outbox";
import { t } from "../../shared/messages";

/** Seed 004 §7: the lifecycle of a risk in the register; a closed risk stays closed. */
export const RISK_TRANSITIONS: Record<RiskStatus, readonly RiskStatus[]> = {
  [RiskStatus.OPEN]: [RiskStatus.CLOSED],
  [RiskStatus.CLOSED]: [],
};

/** A project of the risk's own tenant: NOT_FOUND when invisible, FORBIDDEN when it belongs to another tenant. */
async function assertProjectOfTenantOrThrow(session: MemberSession, tenantId: string, projectId: string): Promise<string> {
  const project = await session.loaders.operations.operationProjectById.load(parseIdOrThrow(projectId, "projectId"));
  if (!project) throw badUserInput("projectId must name an operation project of the register's tenant", "projectId");
  if (project.tenantId !== tenantId) throw forbidden("A risk is linked to a project of its own tenant");
  return project.id;
}

export async function createRisk(session: MemberSession, input: CreateRiskInput): Promise<Risk> {
  const { db, acting } = session;
  await assertWorkingMemberOrThrow(db, { tenantId: acting.tenantId, userId: input.ownerId, argument: "ownerId" });
  const projectId = input.projectId ? await assertProjectOfTenantOrThrow(session, acting.tenantId, input.projectId) : null;
  return insertReturning(db, Risk, {
    responsibleDepartment: input.responsibleDepartment ?? null,
    projectId,
    nextReviewOn: input.nextReviewOn ?? null,
    tenantId: acting.tenantId,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    category: input.category,
    likelihood: input.likelihood,
    impact: input.impact,
    response: input.response,
    ownerId: input.ownerId.toLowerCase(),
    status: RiskStatus.OPEN,
  });
}

export async function addRiskIndicator(session: MemberSession, riskId: string, input: AddRiskIndicatorInput): Promise<RiskIndicator> {
  if (!Number.isFinite(input.warningThreshold)) throw badUserInput("warningThreshold must be a number", "warningThreshold");
  const risk = writableOrThrow(session.acting, await session.loaders.risks.riskById.load(parseIdOrThrow(riskId, "riskId")), "Risk");
  return insertReturning(session.db, RiskIndicator, {
    tenantId: risk.tenantId,
    riskId: risk.id,
    name: input.name.trim(),
    unit: input.unit?.trim() || null,
    warningThreshold: input.warningThreshold,
    direction: input.direction,
  });
}

/**
 * Records a new measurement; crossing the threshold raises a warning for the tenant (visible up
 * its chain), unless one is already open or acknowledged for this indicator.
 */
export async function recordRiskIndicatorValue(session: MemberSession, indicatorId: string, value: number): Promise<RiskIndicator> {
  if (!Number.isFinite(value)) throw badUserInput("value must be a number", "value");
  const indicator = writableOrThrow(
    session.acting,
    await session.loaders.risks.riskIndicatorById.load(parseIdOrThrow(indicatorId, "indicatorId")),
    "Risk indicator",
  );
  const [measured] = await updateReturning(session.db, RiskIndicator, { currentValue: value, measuredAt: () => "now()" }, rowKey(indicator));
  if (crossesThreshold(indicator, value)) {
    const [raised] = await query(
      session.db,
      sql`INSERT INTO risk_warnings (tenant_id, indicator_id, value, threshold)
          VALUES (${indicator.tenantId}, ${indicator.id}, ${value}, ${indicator.warningThreshold})
       ON CONFLICT (tenant_id, indicator_id) WHERE status <> 'CLOSED' DO NOTHING
       RETURNING id`,
    );
    if (raised) {
      await recordEvent(session, {
        type: "risk.warning_raised",
        tenantId: indicator.tenantId,
        subjectType: "RiskWarning",
        subjectId: raised.id,
        data: { riskId: indicator.riskId, indicatorId: indicator.id },
      });
    }
  }
  return measured;
}

/** OPEN → ACKNOWLEDGED → CLOSED; closing needs a note. */
export async function moveRiskWarning(
  session: MemberSession,
  id: string,
  to: WarningStatus.ACKNOWLEDGED | WarningStatus.CLOSED,
  note: string | undefined,
): Promise<RiskWarning> {
  const warning = writableOrThrow(session.acting, await session.loaders.risks.riskWarningById.load(parseIdOrThrow(id)), "Risk warning");
  const text = note?.trim() || null;
  if (to === WarningStatus.CLOSED && !text) throw badUserInput("Closing a warning needs a note", "note");
  const allowedFrom = to === WarningStatus.ACKNOWLEDGED ? [WarningStatus.OPEN] : [WarningStatus.OPEN, WarningStatus.ACKNOWLEDGED];
  const by = session.acting.userId;
  const [moved] = await updateReturning(
    session.db,
    RiskWarning,
    to === WarningStatus.ACKNOWLEDGED
      ? { status: to, acknowledgedBy: by, acknowledgedAt: () => "now()", ...(text ? { note: text } : {}) }
      : { status: to, closedBy: by, closedAt: () => "now()", note: text },
    rowKey(warning, { sql: "status IN (:...allowedFrom)", parameters: { allowedFrom } }),
  );
  if (!moved) throw conflict(t("The warning is {status}; it cannot become {to}", { status: warning.status, to }), { status: warning.status });
  return moved;
}

async function openRiskOrThrow(session: MemberSession, id: string): Promise<Risk> {
  const risk = writableOrThrow(session.acting, await session.loaders.risks.riskById.load(parseIdOrThrow(id)), "Risk");
  if (risk.status !== RiskStatus.OPEN) throw conflict(t("The risk is {status}", { status: risk.status }), { status: risk.status, allowed: RISK_TRANSITIONS[risk.status] });
  return risk;
}

/** Changes the assessment, response, owner, responsible department or project of an open risk. */
export async function updateRisk(session: MemberSession, id: string, input: UpdateRiskInput): Promise<Risk> {
  const risk = await openRiskOrThrow(session, id);
  if (input.ownerId) await assertWorkingMemberOrThrow(session.db, { tenantId: risk.tenantId, userId: input.ownerId, argument: "ownerId" });
  const projectId = input.projectId ? await assertProjectOfTenantOrThrow(session, risk.tenantId, input.projectId) : undefined;
  const [updated] = await updateReturning(
    session.db,
    Risk,
    {
      ...(input.likelihood ? { likelihood: input.likelihood } : {}),
      ...(input.impact ? { impact: input.impact } : {}),
      ...(input.response ? { response: input.response } : {}),
      ...(input.ownerId ? { ownerId: input.ownerId.toLowerCase() } : {}),
      ...(input.responsibleDepartment ? { responsibleDepartment: input.responsibleDepartment } : {}),
      ...(projectId ? { projectId } : {}),
    },
    rowKey(risk, { sql: "status = :open", parameters: { open: RiskStatus.OPEN } }),
  );
  if (!updated) throw conflict("The risk was closed meanwhile");
  return updated;
}

/** A review is logged with the assessment it leaves, and sets (or clears) the next review date. */
export async function reviewRisk(session: MemberSession, id: string, input: RiskReviewInput): Promise<RiskReview> {
  const risk = await openRiskOrThrow(session, id);
  const today = new Date().toISOString().slice(0, 10);
  if (input.nextReviewOn && input.nextReviewOn <= today) throw badUserInput("nextReviewOn must be after today", "nextReviewOn");
  const likelihood = input.likelihood ?? risk.likelihood;
  const impact = input.impact ?? risk.impact;
  const [reviewed] = await updateReturning(
    session.db,
    Risk,
    { likelihood, impact, nextReviewOn: input.nextReviewOn ?? null },
    rowKey(risk, { sql: "status = :open", parameters: { open: RiskStatus.OPEN } }),
  );
  if (!reviewed) throw conflict("The risk was closed meanwhile");
  session.loaders.risks.riskById.clear(risk.id).prime(risk.id, reviewed);
  return insertReturning(session.db, RiskReview, {
    tenantId: risk.tenantId,
    riskId: risk.id,
    note: input.note.trim(),
    likelihood,
    impact,
    nextReviewOn: input.nextReviewOn ?? null,
    reviewedBy: session.acting.userId,
  });
}

export async function closeRisk(session: MemberSession, id: string, reason: string): Promise<Risk> {
  if (!reason.trim()) throw badUserInput("Closing a risk needs a reason", "reason");
  const risk = await openRiskOrThrow(session, id);
  const [closed] = await updateReturning(
    session.db,
    Risk,
    { status: RiskStatus.CLOSED, closedAt: () => "now()", closedBy: session.acting.userId, closureReason: reason.trim() },
    rowKey(risk, { sql: "status = :open", parameters: { open: RiskStatus.OPEN } }),
  );
  if (!closed) throw conflict("The risk was closed meanwhile");
  return closed;
}

/** Open risks whose next review date has passed, in every visible tenant, most overdue first. */
export function listOverdueRiskReviews({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Risk>> {
  const matching = () =>
    db
      .getRepository(Risk)
      .createQueryBuilder("r")
      .where("r.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
      .andWhere("r.status = :open", { open: RiskStatus.OPEN })
      .andWhere("r.next_review_on < current_date");
  return keysetPage(matching, byDate("r", "next_review_on"), args);
}

export function listRisks({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Risk>> {
  const query = () => db.getRepository(Risk).createQueryBuilder("r").where("r.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
  return keysetPage(query, byTimestamp("r", "created_at"), args);
}

/** Warnings of the caller's tenant and, for those who read it, its whole subtree. */
export function listRiskWarnings({ db, acting }: MemberSession, args: RiskWarningListArgs): Promise<Page<RiskWarning>> {
  const query = () => {
    const q = db.getRepository(RiskWarning).createQueryBuilder("w").where("w.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.status) q.andWhere("w.status = :status", { status: args.status });
    return q;
  };
  return keysetPage(query, byTimestamp("w", "raised_at"), args);
}
