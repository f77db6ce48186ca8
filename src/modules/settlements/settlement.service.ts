import type { EntityManager } from "typeorm";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { parseLineAmountOrThrow, sumMinorUnitsOrThrow, withinBigintOrThrow } from "../../shared/money";
import { Page } from "../../shared/pagination";
import { submitApprovalRequest } from "../approvals/approval.service";
import { Tenant } from "../tenancy/tenant.entity";
import { TenantKind } from "../../context/tenant-kind";
import { InterCentreSettlement, SettlementLineItem, SettlementStatus } from "./settlement.entity";
import { CreateInterCentreSettlementInput, SettlementLineItemInput, SettlementListArgs } from "./settlement.inputs";
import { INTER_CENTRE_SETTLEMENT_SUBJECT } from "./settlement.policy";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

/** The national centre settles with these children (seed 001); partners settle fees instead. */
const COUNTERPARTY_KINDS = [TenantKind.CITY_CENTRE, TenantKind.AFFILIATED_COMPANY];
/** The authority level that approves a statement in the national centre (deputy or president). */
const SETTLEMENT_APPROVAL_LEVEL = 2;

/** A draft statement with its first line items; its total is their exact sum. */
export async function createInterCentreSettlement(
  { db, acting, loaders }: MemberSession,
  input: CreateInterCentreSettlementInput,
): Promise<InterCentreSettlement> {
  const counterparty = await loaders.tenancy.tenantById.load(parseIdOrThrow(input.counterpartyId, "counterpartyId"));
  if (!counterparty) throw notFound("Counterparty not found");
  if (counterparty.parentId !== acting.tenantId || !COUNTERPARTY_KINDS.includes(counterparty.kind)) {
    throw badUserInput("The counterparty must be a city centre or affiliated company directly under the acting national centre", "counterpartyId");
  }
  if (input.periodUntil < input.periodFrom) throw badUserInput("periodUntil must not be before periodFrom", "periodUntil");
  sumMinorUnitsOrThrow(input.lineItems.map((line) => parseLineAmountOrThrow(line.amountMinor, "lineItems.amountMinor")), "lineItems");
  const [existing] = await query(
    db,
    sql`SELECT id FROM inter_centre_settlements
         WHERE tenant_id = ${counterparty.id} AND period_from = ${input.periodFrom} AND period_until = ${input.periodUntil} AND currency = ${input.currency}`,
  );
  if (existing) throw conflict(t("A {currency} statement with {counterparty} for this period exists already", { currency: input.currency, counterparty: counterparty.code }), { id: existing.id });
  const settlement = await insertReturning(db, InterCentreSettlement, {
    tenantId: counterparty.id,
    parentTenantId: acting.tenantId,
    periodFrom: input.periodFrom,
    periodUntil: input.periodUntil,
    currency: input.currency,
    status: SettlementStatus.DRAFT,
    createdBy: acting.userId,
  });
  for (const line of input.lineItems) await insertLineItem(db, settlement, line, acting.userId);
  return updateTotalOrThrow(db, settlement);
}

/** Another line on a draft; lines are never changed or removed, a correction is a line of its own. */
export async function addSettlementLineItem(
  session: MemberSession,
  settlementId: string,
  input: SettlementLineItemInput,
): Promise<InterCentreSettlement> {
  parseLineAmountOrThrow(input.amountMinor);
  const settlement = await lockAsNationalCentreOrThrow(session, settlementId);
  if (settlement.status !== SettlementStatus.DRAFT) throw conflict(t("Lines are added only to a draft; the statement is {status}", { status: settlement.status }), { status: settlement.status });
  await insertLineItem(session.db, settlement, input, session.acting.userId);
  return updateTotalOrThrow(session.db, settlement);
}

/** DRAFT → SUBMITTED, with an approval request in the national centre's own tenant. */
export async function submitInterCentreSettlement(
  session: MemberSession,
  id: string,
  slaWorkingDays: Record<number, number>,
): Promise<InterCentreSettlement> {
  const { db, acting, loaders } = session;
  const settlement = await lockAsNationalCentreOrThrow(session, id);
  if (settlement.status !== SettlementStatus.DRAFT) throw conflict(t("Only a draft is submitted; the statement is {status}", { status: settlement.status }), { status: settlement.status });
  const [submitted] = await updateReturning(db, InterCentreSettlement, { status: SettlementStatus.SUBMITTED, submittedAt: () => "now()" }, rowKey(settlement));
  const [centre, counterparty] = (await loaders.tenancy.tenantById.loadMany([acting.tenantId, settlement.tenantId])) as Tenant[];
  await submitApprovalRequest(
    session,
    {
      subjectType: INTER_CENTRE_SETTLEMENT_SUBJECT,
      subjectId: settlement.id,
      level: SETTLEMENT_APPROVAL_LEVEL,
      reason: `Settlement with ${counterparty.code}, ${settlement.periodFrom} – ${settlement.periodUntil}: ${settlement.totalMinor} ${settlement.currency} (minor units)`,
    },
    { parentTenantId: centre.parentId, slaWorkingDays },
  );
  return submitted;
}

/** The counterparty confirms an approved statement; the only change its side may make. */
export async function acknowledgeInterCentreSettlement({ db, acting, loaders }: MemberSession, id: string): Promise<InterCentreSettlement> {
  const seen = await loaders.settlements.interCentreSettlementById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Settlement not found");
  if (seen.tenantId !== acting.tenantId) throw forbidden("Only the counterparty acknowledges a settlement");
  const settlement = await lockOrThrow(db, seen);
  if (settlement.status !== SettlementStatus.APPROVED || settlement.acknowledgedAt) {
    throw conflict(
      settlement.acknowledgedAt ? "The settlement is acknowledged already" : t("Only an approved statement is acknowledged; it is {status}", { status: settlement.status }),
      { status: settlement.status },
    );
  }
  const [acknowledged] = await updateReturning(
    db,
    InterCentreSettlement,
    { acknowledgedBy: acting.userId, acknowledgedAt: () => "now()" },
    rowKey(settlement),
  );
  return acknowledged;
}

/** Statements with the visible tenants, and every statement of the acting national centre. */
export async function listInterCentreSettlements({ db, acting }: MemberSession, args: SettlementListArgs): Promise<Page<InterCentreSettlement>> {
  const matching = () => {
    const query = db
      .getRepository(InterCentreSettlement)
      .createQueryBuilder("s")
      .where(...inVisibleTenantsOrChildren("s", acting));
    if (args.counterpartyId) query.andWhere("s.tenant_id = :counterpartyId", { counterpartyId: args.counterpartyId });
    if (args.status) query.andWhere("s.status = :status", { status: args.status });
    if (args.from) query.andWhere("s.period_until >= :from::date", { from: args.from });
    if (args.to) query.andWhere("s.period_from <= :to::date", { to: args.to });
    return query;
  };
  return keysetPage(matching, byTimestamp("s", "created_at"), args);
}

/** The statement as the national centre that writes it: invisible → NOT_FOUND, anyone else → FORBIDDEN; then locked. */
async function lockAsNationalCentreOrThrow({ db, acting, loaders }: MemberSession, id: string): Promise<InterCentreSettlement> {
  const seen = await loaders.settlements.interCentreSettlementById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Settlement not found");
  if (seen.parentTenantId !== acting.tenantId) throw forbidden("Only the national centre that drew up the statement changes it");
  return lockOrThrow(db, seen);
}

/** Locks the row, so concurrent moves of one statement give one winner and CONFLICT for the rest. */
async function lockOrThrow(db: EntityManager, seen: InterCentreSettlement): Promise<InterCentreSettlement> {
  const locked = await lockRow(db, InterCentreSettlement, seen);
  if (!locked) throw conflict("The settlement changed meanwhile");
  return locked;
}

async function insertLineItem(db: EntityManager, settlement: InterCentreSettlement, line: SettlementLineItemInput, userId: string) {
  await insertReturning(db, SettlementLineItem, {
    tenantId: settlement.tenantId,
    parentTenantId: settlement.parentTenantId,
    settlementId: settlement.id,
    description: line.description.trim(),
    amountMinor: parseLineAmountOrThrow(line.amountMinor).toString(),
    createdBy: userId,
  });
}

/** The total recomputed in SQL as an exact numeric sum, refused when it would not fit the bigint column. */
async function updateTotalOrThrow(db: EntityManager, settlement: InterCentreSettlement): Promise<InterCentreSettlement> {
  const [{ total }] = await query(
    db,
    sql`SELECT coalesce(sum(amount_minor::numeric), 0)::text AS total FROM settlement_line_items
         WHERE tenant_id = ${settlement.tenantId} AND settlement_id = ${settlement.id}`,
  );
  const totalMinor = withinBigintOrThrow(BigInt(total), "amountMinor").toString();
  const [updated] = await updateReturning(db, InterCentreSettlement, { totalMinor }, rowKey(settlement));
  return updated;
}
