import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { alignByKey, groupByKey } from "../../shared/batch";
import { Tenant } from "./tenant.entity";

export function createTenantLoaders(db: EntityManager, acting: ActingContext) {
  const tenants = () => db.getRepository(Tenant).createQueryBuilder("t");
  return {
    /** Visible tenants and the public profile of the caller's ancestors (RLS decides which). */
    tenantById: new DataLoader<string, Tenant | null>(async (ids) =>
      alignByKey(ids, await tenants().where("t.id = ANY(:ids)", { ids }).getMany(), (t) => t.id),
    ),
    visibleChildrenByParentId: new DataLoader<string, Tenant[]>(async (parentIds) => {
      const rows = await tenants()
        .where("t.parent_id = ANY(:parentIds)", { parentIds })
        .andWhere("t.id = ANY(:visible)", { visible: acting.visibleTenantIds })
        .orderBy("t.path")
        .getMany();
      return groupByKey(parentIds, rows, (t) => t.parentId as string);
    }),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    tenancy: ReturnType<typeof createTenantLoaders>;
  }
}
