import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { FeeSettlement } from "./fee-settlement.entity";

/** Settlements live in the partner's tenant; its centre reads them as their decider. */
export function createFeeSettlementLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  return {
    feeSettlementById: rows.byId(FeeSettlement),
    feeSettlementsByTenantId: rows.groupedBy(FeeSettlement, "tenantId", "createdAt", "id"),
    feeSettlementsByContractId: rows.groupedBy(FeeSettlement, "contractId", "createdAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    feeSettlements: ReturnType<typeof createFeeSettlementLoaders>;
  }
}
