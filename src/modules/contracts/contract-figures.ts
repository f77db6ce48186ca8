import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { ContractSettlementTotals } from "./contract.entity";
import { query, sql } from "../../db/rows/sql";

/** Settlements that count against the contract value: every one not rejected or withdrawn. */
const CLAIMING = sql`status NOT IN ('REJECTED','WITHDRAWN')`;

/** What is already claimed on one contract, summed in SQL as numeric so no amount overflows. */
export async function claimedMinorOf(db: EntityManager, contract: { tenantId: string; id: string }): Promise<bigint> {
  const [{ claimed }] = await query(
    db,
    sql`SELECT coalesce(sum(amount_minor), 0)::numeric::text AS claimed FROM fee_settlements
         WHERE tenant_id = ${contract.tenantId} AND contract_id = ${contract.id} AND ${CLAIMING}`,
  );
  return BigInt(claimed);
}

/** Claimed, paid and owed (approved, not yet paid) per contract, for the contracts' money fields. */
export function settlementTotalsLoader(db: EntityManager, acting: ActingContext): DataLoader<string, ContractSettlementTotals> {
  return new DataLoader(async (contractIds) => {
    const rows = await query<ContractSettlementTotals & { contractId: string }>(
      db,
      sql`SELECT contract_id AS "contractId",
              coalesce(sum(amount_minor) FILTER (WHERE ${CLAIMING}), 0)::numeric::text AS "claimedMinor",
              coalesce(sum(amount_minor) FILTER (WHERE status = 'PAID'), 0)::numeric::text AS "paidMinor",
              coalesce(sum(amount_minor) FILTER (WHERE status = 'APPROVED'), 0)::numeric::text AS "owedMinor",
              coalesce(bool_or(kind = 'FINAL' AND ${CLAIMING}), false) AS "hasFinalSettlement"
         FROM fee_settlements
        WHERE (tenant_id = ANY(${acting.visibleTenantIds}) OR parent_tenant_id = ${acting.tenantId}) AND contract_id = ANY(${contractIds})
        GROUP BY contract_id`,
    );
    const byContract = new Map(rows.map(({ contractId, ...totals }) => [contractId, totals]));
    return contractIds.map(
      (id) => byContract.get(id) ?? { claimedMinor: "0", paidMinor: "0", owedMinor: "0", hasFinalSettlement: false },
    );
  });
}
