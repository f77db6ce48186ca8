import DataLoader from "dataloader";
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { ActingContext } from "../context/acting-context";
import { alignByKey, groupByKey } from "../shared/batch";
import { selectEntities } from "./returning";

/** Which rows of a table the caller reads, as SQL over the alias and its parameters. */
export type Readable = (alias: string, acting: ActingContext) => [string, Record<string, unknown>];

/** The visible tenants' rows (DESIGN §2). */
export const inVisibleTenants: Readable = (alias, acting) => [`${alias}.tenant_id = ANY(:visible)`, { visible: acting.visibleTenantIds }];

/**
 * Tables with `parent_tenant_id` (approvals, grants): also the direct children's rows, which the
 * acting tenant reads because it decides on them (the parent_read policy of RLS).
 */
export const inVisibleTenantsOrChildren: Readable = (alias, acting) => [
  `(${alias}.tenant_id = ANY(:visible) OR ${alias}.parent_tenant_id = :acting)`,
  { visible: acting.visibleTenantIds, acting: acting.tenantId },
];

/**
 * Batched loaders over one tenant-owned table, always filtered to the readable rows as well
 * (RLS would refuse the rest; the explicit filter lets the planner use the tenant indexes).
 */
export function tenantRowLoaders(db: EntityManager, acting: ActingContext, readable: Readable = inVisibleTenants) {
  const visibleRows = <T extends ObjectLiteral>(entity: EntityTarget<T>) =>
    db.getRepository(entity).createQueryBuilder("r").where(...readable("r", acting));

  return {
    /** One row per id, null where none is visible. */
    byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<string, T | null> {
      return new DataLoader(async (ids) =>
        alignByKey(ids, await selectEntities(visibleRows(entity).andWhere("r.id = ANY(:ids)", { ids })), (row) => row.id),
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
        return groupByKey(keys, await selectEntities(query), (row) => row[property] as string);
      });
    },
  };
}
