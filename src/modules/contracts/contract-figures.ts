import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { ContractSettlementTotals } from "./contract.entity";

/** Settlements that count against the contract value: every one not rejected or withdrawn. */
const CLAIMING = "status NOT IN ('REJECTED','WITHDRAWN')";

/** What is already claimed on one contract, summed in SQL as numeric so no amount overflows. */
export async function claimedMinorOf(db: EntityManager, contract: { tenantId: string; id: string }): Promise<bigint> {
  const [{ claimed }] = await db.query(
    `SELECT coalesce(sum(amount_minor), 0)::numeric::text AS claimed FROM fee_settlements WHERE tenant_id = $1 AND contract_id = $2 AND ${CLAIMING}`,
    [contract.tenantId, contract.id],
  );
  return BigInt(claimed);
}

/** Claimed, paid and owed (approved, not yet paid) per contract, for the contracts' money fields. */
export function settlementTotalsLoader(db: EntityManager, acting: ActingContext): DataLoader<string, ContractSettlementTotals> {
  return new DataLoader(async (contractIds) => {
    const rows: (ContractSettlementTotals & { contractId: string })[] = await db.query(
      `SELECT contract_id AS "contractId",
              coalesce(sum(amount_minor) FILTER (WHERE ${CLAIMING}), 0)::numeric::text AS "claimedMinor",
              coalesce(sum(amount_minor) FILTER (WHERE status = 'PAID'), 0)::numeric::text AS "paidMinor",
              coalesce(sum(amount_minor) FILTER (WHERE status = 'APPROVED'), 0)::numeric::text AS "owedMinor",
              coalesce(bool_or(kind = 'FINAL' AND ${CLAIMING}), false) AS "hasFinalSettlement"
         FROM fee_settlements
        WHERE (tenant_id = ANY($1) OR parent_tenant_id = $2) AND contract_id = ANY($3)
        GROUP BY contract_id`,
      [acting.visibleTenantIds, acting.tenantId, contractIds],
    );
    const byContract = new Map(rows.map(({ contractId, ...totals }) => [contractId, totals]));
    return contractIds.map(
      (id) => byContract.get(id) ?? { claimedMinor: "0", paidMinor: "0", owedMinor: "0", hasFinalSettlement: false },
    );
  });
}
