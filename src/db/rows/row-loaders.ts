import DataLoader from "dataloader";
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { alignByKey, groupByKey } from "../../shared/batch";
import { PreparedSelect, prepareSelect } from "./entity-rows";

/** Which rows of a table the caller reads, as SQL over the alias and its parameters. */
export type Readable = (alias: string, acting: ActingContext) => [string, Record<string, unknown>];

/**
 * Tables with `parent_tenant_id` (approvals, grants): the visible tenants' rows and the direct
 * children's, which the acting tenant reads because it decides on them (the parent_read policy).
 */
export const inVisibleTenantsOrChildren: Readable = (alias, acting) => [
  `(${alias}.tenant_id = ANY(:visible) OR ${alias}.parent_tenant_id = :acting)`,
  { visible: acting.visibleTenantIds, acting: acting.tenantId },
];

/**
 * Batched loaders over one tenant-owned table, by id or by a column. RLS decides which rows come
 * back; `readable` states the rule in SQL as well, for the tables read through parent_read too.
 * The plain tenant rule is not repeated: next to the policy's own condition the planner took the
 * two for independent, expected almost no rows and filtered the keys instead of looking them up
 * (bench/RESULTS.md has the figures).
 */
export function tenantRowLoaders(db: EntityManager, acting: ActingContext, readable?: Readable) {
  const [rule, ruleParameters] = readable?.("r", acting) ?? [null, {}];
  const visibleRows = <T extends ObjectLiteral>(entity: EntityTarget<T>) => {
    const query = db.getRepository(entity).createQueryBuilder("r");
    return rule ? query.where(rule, ruleParameters) : query;
  };
  /** The loader's statement, built by TypeORM on first use only (it costs more than a one-row batch). */
  const prepared = <T extends ObjectLiteral>(entity: EntityTarget<T>, lookup: string, build: () => SelectQueryBuilder<T>): PreparedSelect<T> => {
    const key = `${db.connection.getMetadata(entity).tableName} ${lookup} ${rule ?? ""}`;
    let known = STATEMENTS.get(key);
    if (!known) STATEMENTS.set(key, (known = prepareSelect(build())));
    return known as PreparedSelect<T>;
  };

  return {
    /** One row per id, null where none is visible. */
    byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<string, T | null> {
      return new DataLoader(async (ids) => {
        const select = prepared(entity, "id", () => visibleRows(entity).andWhere("r.id = ANY(:ids)"));
        return alignByKey(ids, await select.run(db, { ...ruleParameters, ids }), (row) => row.id);
      });
    },
    /** Every visible row whose `property` is the key, ordered by `orderBy` (property names). */
    groupedBy<T extends ObjectLiteral>(
      entity: EntityTarget<T>,
      property: keyof T & string,
      ...orderBy: (keyof T & string)[]
    ): DataLoader<string, T[]> {
      return new DataLoader(async (keys) => {
        const select = prepared(entity, `${property} by ${orderBy.join(",")}`, () => {
          const query = visibleRows(entity).andWhere(`r.${property} = ANY(:keys)`);
          for (const column of orderBy) query.addOrderBy(`r.${column}`);
          return query;
        });
        return groupByKey(keys, await select.run(db, { ...ruleParameters, keys }), (row) => row[property] as string);
      });
    },
  };
}

/** Loader statements by table, lookup and SQL rule: the same for every request, only their parameters differ. */
const STATEMENTS = new Map<string, PreparedSelect<ObjectLiteral>>();
