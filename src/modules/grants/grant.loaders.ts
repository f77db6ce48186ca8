import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { Grant } from "./grant.entity";

export function createGrantLoaders(db: EntityManager, acting: ActingContext) {
  return {
    /** Grants held in visible tenants, and those of the acting tenant's direct children. */
    grantById: tenantRowLoaders(db, acting, inVisibleTenantsOrChildren).byId(Grant),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    grants: ReturnType<typeof createGrantLoaders>;
  }
}
