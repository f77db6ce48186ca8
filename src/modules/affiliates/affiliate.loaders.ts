import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { Readable, inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { BusinessReport } from "./business-report.entity";
import { ServiceStandard } from "./service-standard.entity";

/**
 * Standards the caller reads: the visible tenants' and its children's, plus any approved standard
 * published to the acting tenant as one of the company's ancestors (the published_read policy).
 */
export const readableStandards: Readable = (alias, acting) => {
  const [visibleOrChildren, parameters] = inVisibleTenantsOrChildren(alias, acting);
  return [`(${visibleOrChildren} OR (${alias}.status = 'APPROVED' AND :acting::uuid = ANY(${alias}.chain_tenant_ids)))`, parameters];
};

export function createAffiliateLoaders(db: EntityManager, acting: ActingContext) {
  return {
    serviceStandardById: tenantRowLoaders(db, acting, readableStandards).byId(ServiceStandard),
    /** The company's own reports, its national centre's (as parent) and those of roles reading the subtree. */
    businessReportById: tenantRowLoaders(db, acting, inVisibleTenantsOrChildren).byId(BusinessReport),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    affiliates: ReturnType<typeof createAffiliateLoaders>;
  }
}
