import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { alignByKey } from "../../shared/batch";
import { Grant } from "./grant.entity";

export function createGrantLoaders(db: EntityManager, acting: ActingContext) {
  return {
    /** Grants held in visible tenants, and those of the acting tenant's direct children. */
    grantById: new DataLoader<string, Grant | null>(async (ids) =>
      alignByKey(
        ids,
        await db
          .getRepository(Grant)
          .createQueryBuilder("g")
          .where("(g.tenant_id = ANY(:visible) OR g.parent_tenant_id = :acting)", { visible: acting.visibleTenantIds, acting: acting.tenantId })
          .andWhere("g.id = ANY(:ids)", { ids })
          .getMany(),
        (grant) => grant.id,
      ),
    ),
  };
}
