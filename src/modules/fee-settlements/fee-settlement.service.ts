import type { EntityManager } from "typeorm";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import type { ApprovalOutcome } from "../approvals/approval-policies";
import type { ApprovalRequest } from "../approvals/approval-request.entity";
import { submitApprovalRequest } from "../approvals/approval.service";
import { claimedMinorOf } from "../contracts/contract-figures";
import { ContractStatus, PartnerContract } from "../contracts/contract.entity";
import { assertContractActionOrThrow } from "../contracts/contract-lifecycle";
import { assertActsForPartnerOrThrow, lockContract, versionOrThrow } from "../contracts/contract.service";
import { fitsWithin, parsePositiveMinorUnitsOrThrow } from "../../shared/money";
import { Department, Role } from "../../context/roles";
import { FeeSettlement, FeeSettlementKind, FeeSettlementStatus } from "./fee-settlement.entity";
import { ApplyForFeeSettlementInput, FeeSettlementListArgs } from "./fee-settlement.inputs";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

export const FEE_SETTLEMENT_SUBJECT = "FEE_SETTLEMENT";

/**
 * Seed 003 §6: the partner claims payment for service delivered, with proof. The contract row is
 * locked first, so concurrent claims queue and together never exceed the current version's value.
 */
export async function applyForFeeSettlement(
  session: MemberSession,
  input: ApplyForFeeSettlementInput,
  slaWorkingDays: Record<number, number>,
): Promise<FeeSettlement> {
  const { db, acting, loaders } = session;
  const amount = parsePositiveMinorUnitsOrThrow(input.amountMinor, "amountMinor");
  if (input.serviceUntil < input.serviceFrom) throw badUserInput("serviceUntil must not be before serviceFrom", "serviceUntil");
  const seen = await loaders.contracts.partnerContractById.load(parseIdOrThrow(input.contractId, "contractId"));
  if (!seen) throw notFound("Partner contract not found");
  assertActsForPartnerOrThrow(acting, seen.tenantId);
  const contract = await lockContract(db, seen);
  const kind = await settlementKindOrThrow(db, contract, input.serviceUntil);
  const current = await versionOrThrow(db, contract, contract.currentVersion);
  if (input.currency !== current.currency) {
    throw badUserInput(t("The contract is in {currency}; a settlement is claimed in the same currency", { currency: current.currency }), "currency");
  }
  const claimed = await claimedMinorOf(db, contract);
  const limit = BigInt(current.valueMinor);
  if (!fitsWithin({ claimed, amount, limit })) {
    throw conflict(
      t("The claim exceeds the contract value: {remaining} of {limit} minor units remain; claiming more needs a contract amendment", { remaining: (limit - claimed).toString(), limit: limit.toString() }),
      { status: contract.status, remainingMinor: (limit - claimed).toString() },
    );
  }
  const settlement = await insertReturning(db, FeeSettlement, {
    tenantId: contract.tenantId,
    parentTenantId: contract.parentTenantId,
    contractId: contract.id,
    kind,
    amountMinor: amount.toString(),
    currency: input.currency,
    serviceFrom: input.serviceFrom,
    serviceUntil: input.serviceUntil,
    proofOfService: input.proofOfService.trim(),
    status: FeeSettlementStatus.APPLIED,
    appliedBy: acting.userId,
  });
  await submitApprovalRequest(
    session,
    { subjectType: FEE_SETTLEMENT_SUBJECT, subjectId: settlement.id, level: 2, reason: `Fee settlement of ${amount} ${input.currency}` },
    { parentTenantId: contract.parentTenantId, slaWorkingDays },
  );
  return settlement;
}

/** REGULAR under a running contract; after termination one FINAL claim for service up to the termination date. */
async function settlementKindOrThrow(db: EntityManager, contract: PartnerContract, serviceUntil: string): Promise<FeeSettlementKind> {
  assertContractActionOrThrow(contract, "settled");
  if (contract.status !== ContractStatus.TERMINATED) return FeeSettlementKind.REGULAR;
  const terminatedOn = (contract.terminatedAt as Date).toISOString().slice(0, 10);
  if (serviceUntil > terminatedOn) {
    throw badUserInput(t("The contract ended on {terminatedOn}; the final settlement covers service up to that date", { terminatedOn }), "serviceUntil");
  }
  const [{ finals }] = await query(
    db,
    sql`SELECT count(*)::int AS finals FROM fee_settlements
         WHERE tenant_id = ${contract.tenantId} AND contract_id = ${contract.id} AND kind = 'FINAL' AND status NOT IN ('REJECTED','WITHDRAWN')`,
  );
  if (finals > 0) throw conflict("The final settlement of this terminated contract is already claimed", { status: contract.status });
  return FeeSettlementKind.FINAL;
}

/** Step 0 (the centre's review, staff or higher) approved: REVIEWED; the approval step follows. */
export async function recordFeeSettlementReview(db: EntityManager, request: ApprovalRequest, position: number): Promise<void> {
  if (position !== 0) return;
  await moveSettlementOrThrow(db, request, [FeeSettlementStatus.APPLIED], { status: FeeSettlementStatus.REVIEWED, reviewedAt: () => "now()" });
}

/** The approval's outcome: APPROVED (then owed until paid), REJECTED or WITHDRAWN (no longer claimed). */
export async function recordFeeSettlementDecision(db: EntityManager, request: ApprovalRequest, result: ApprovalOutcome["result"]): Promise<void> {
  const open = [FeeSettlementStatus.APPLIED, FeeSettlementStatus.REVIEWED];
  if (result === "APPROVED") {
    await moveSettlementOrThrow(db, request, open, { status: FeeSettlementStatus.APPROVED, approvedAt: () => "now()", decidedAt: () => "now()" });
  } else {
    await moveSettlementOrThrow(db, request, open, { status: result as FeeSettlementStatus, decidedAt: () => "now()" });
  }
}

async function moveSettlementOrThrow(
  db: EntityManager,
  request: ApprovalRequest,
  from: FeeSettlementStatus[],
  values: Parameters<typeof updateReturning<FeeSettlement>>[2],
): Promise<void> {
  const [moved] = await updateReturning(
    db,
    FeeSettlement,
    values,
    rowKey({ tenantId: request.tenantId, id: request.subjectId }, { sql: "status IN (:...from)", parameters: { from } }),
  );
  if (!moved) throw new Error(`Fee settlement ${request.subjectId} is not in ${from.join(" or ")}`);
}

/** Seed 003 §6: the centre's finance department (or its president or deputy) pays what was approved. */
export async function recordFeeSettlementPayment(session: MemberSession, id: string, paymentReference: string): Promise<FeeSettlement> {
  const { db, acting, loaders } = session;
  if (!paymentReference.trim()) throw badUserInput("A payment needs its reference", "paymentReference");
  const seen = await loaders.feeSettlements.feeSettlementById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Fee settlement not found");
  if (seen.parentTenantId !== acting.tenantId) throw forbidden("Only the partner's own centre records its payments");
  if (acting.department !== Department.FINANCE && acting.role !== Role.PRESIDENT && acting.role !== Role.DEPUTY) {
    throw forbidden("Payments are recorded by the finance department, the president or a deputy");
  }
  const settlement = (await lockRow(db, FeeSettlement, seen))!;
  if (settlement.status !== FeeSettlementStatus.APPROVED) {
    throw conflict(t("Only an APPROVED settlement is paid; this one is {status}", { status: settlement.status }), { status: settlement.status });
  }
  const [paid] = await updateReturning(
    db,
    FeeSettlement,
    { status: FeeSettlementStatus.PAID, paymentReference: paymentReference.trim(), paidAt: () => "now()", paidBy: acting.userId },
    rowKey(settlement),
  );
  return paid;
}

export async function listFeeSettlements({ db, acting }: MemberSession, args: FeeSettlementListArgs): Promise<Page<FeeSettlement>> {
  const matching = () => {
    const query = db.getRepository(FeeSettlement).createQueryBuilder("f").where(...inVisibleTenantsOrChildren("f", acting));
    if (args.contractId) query.andWhere("f.contract_id = :contractId", { contractId: args.contractId });
    if (args.partnerId) query.andWhere("f.tenant_id = :partnerId", { partnerId: args.partnerId });
    if (args.status) query.andWhere("f.status = :status", { status: args.status });
    return query;
  };
  return keysetPage(matching, byTimestamp("f", "created_at"), args);
}
