import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page, PageArgs } from "../../shared/pagination";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import { Risk, RiskIndicator, RiskStatus, RiskWarning, WarningStatus, crossesThreshold } from "./risk.entity";
import { AddRiskIndicatorInput, CreateRiskInput, RiskWarningListArgs } from "./risk.inputs";
import { query, sql } from "../../db/rows/sql";
import { recordEvent } from "../events/event-outbox";

export async function createRisk(session: MemberSession, input: CreateRiskInput): Promise<Risk> {
  const { db, acting } = session;
  await assertWorkingMemberOrThrow(db, { tenantId: acting.tenantId, userId: input.ownerId, argument: "ownerId" });
  return insertReturning(db, Risk, {
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
  if (!moved) throw conflict(`The warning is ${warning.status}; it cannot become ${to}`, { status: warning.status });
  return moved;
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
