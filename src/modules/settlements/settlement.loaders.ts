import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { InterCentreSettlement, SettlementLineItem } from "./settlement.entity";

/** Both sides read a statement: the counterparty (its tenant) and the national centre (its parent). */
export function createSettlementLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  return {
    interCentreSettlementById: rows.byId(InterCentreSettlement),
    lineItemsBySettlementId: rows.groupedBy(SettlementLineItem, "settlementId", "createdAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    settlements: ReturnType<typeof createSettlementLoaders>;
  }
}
