import DataLoader from "dataloader";
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ActingContext } from "../context/acting-context";
import { alignByKey, groupByKey } from "../shared/batch";

/**
 * Batched loaders over one tenant-owned table, always filtered to the visible tenants as well
 * (RLS would refuse the rest; the explicit filter lets the planner use the tenant indexes).
 */
export function tenantRowLoaders(db: EntityManager, acting: ActingContext) {
  const visibleRows = <T extends ObjectLiteral>(entity: EntityTarget<T>) =>
    db.getRepository(entity).createQueryBuilder("r").where("r.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });

  return {
    /** One row per id, null where none is visible. */
    byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<string, T | null> {
      return new DataLoader(async (ids) =>
        alignByKey(ids, await visibleRows(entity).andWhere("r.id = ANY(:ids)", { ids }).getMany(), (row) => row.id),
      );
    },
    /** Every visible row whose `property` is the key, ordered by `orderBy` (property names). */
    groupedBy<T extends ObjectLiteral>(
      entity: EntityTarget<T>,
      property: keyof T & string,
      ...orderBy: (keyof T & string)[]
    ): DataLoader<string, T[]> {
      return new DataLoader(async (keys) => {
        const query = visibleRows(entity).andWhere(`r.${property} = ANY(:keys)`, { keys });
        for (const column of orderBy) query.addOrderBy(`r.${column}`);
        return groupByKey(keys, await query.getMany(), (row) => row[property] as string);
      });
    },
  };
}
