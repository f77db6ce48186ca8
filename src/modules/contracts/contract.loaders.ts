import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { ContractVersion, PartnerContract } from "./contract.entity";
import { settlementTotalsLoader } from "./contract-figures";

/** Contracts live in the partner's tenant: the partner, its centre (parent) and the centre's readers see them. */
export function createContractLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  return {
    partnerContractById: rows.byId(PartnerContract),
    contractVersionById: rows.byId(ContractVersion),
    /** A partner's contracts, for its archive card. */
    partnerContractsByTenantId: rows.groupedBy(PartnerContract, "tenantId", "createdAt", "id"),
    contractVersionsByContractId: rows.groupedBy(ContractVersion, "contractId", "version"),
    settlementTotalsByContractId: settlementTotalsLoader(db, acting),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    contracts: ReturnType<typeof createContractLoaders>;
  }
}
