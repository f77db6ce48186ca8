import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { PartnerProfile } from "./partner-profile.entity";
import { PartnerQualification } from "./partner-qualification.entity";

/** Partner rows of the visible tenants and of the acting centre's own partners. */
export function createPartnerLoaders(db: EntityManager, acting: ActingContext) {
  const readable = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  const profilesByTenantId = readable.groupedBy(PartnerProfile, "tenantId");
  return {
    /** The archive card of a partner tenant (one per tenant), null where none is readable. */
    partnerByTenantId: new DataLoader<string, PartnerProfile | null>(async (tenantIds) =>
      (await profilesByTenantId.loadMany(tenantIds)).map((rows) => (rows instanceof Error ? rows : (rows[0] ?? null))),
    ),
    qualificationsByTenantId: readable.groupedBy(PartnerQualification, "tenantId", "createdAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    partners: ReturnType<typeof createPartnerLoaders>;
  }
}
