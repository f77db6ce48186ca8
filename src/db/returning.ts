import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Driver } from "typeorm/driver/Driver";
import { DriverUtils } from "typeorm/driver/DriverUtils";
import type { EntityMetadata } from "typeorm/metadata/EntityMetadata";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";

/** A raw row (column names) as the entity TypeORM would have loaded. */
export function hydrate<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, raw: Record<string, unknown>): T {
  return hydrator<T>(db.connection.getMetadata(entity), db.connection.driver, (databaseName) => databaseName)(raw);
}

/**
 * The rows of a single-table SELECT as entities, like getMany() but without its join, grouping and
 * relation-id machinery (our entities have no relations), which cost more than the query itself
 * on long lists.
 */
export async function selectEntities<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  const { driver } = query.connection;
  const toEntity = hydrator<T>(query.expressionMap.mainAlias!.metadata, driver, (databaseName) =>
    DriverUtils.buildAlias(driver, undefined, query.alias, databaseName),
  );
  return (await query.getRawMany()).map(toEntity);
}

/** Builds entities from raw rows whose keys `keyOf` names from each column's database name. */
function hydrator<T>(metadata: EntityMetadata, driver: Driver, keyOf: (databaseName: string) => string): (raw: Record<string, unknown>) => T {
  const columns = metadata.columns.map((column) => ({ column, key: keyOf(column.databaseName) }));
  return (raw) => {
    const row = metadata.create() as T;
    for (const { column, key } of columns) column.setEntityValue(row as ObjectLiteral, driver.prepareHydratedValue(raw[key], column));
    return row;
  };
}

/** INSERT … RETURNING *: the new row with every database default filled in, in one statement. */
export async function insertReturning<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<T> {
  const result = await db.createQueryBuilder().insert().into(entity).values(values).returning("*").execute();
  return hydrate(db, entity, result.raw[0]);
}

/** UPDATE … WHERE … RETURNING *: the updated rows (none when the condition no longer holds). */
export async function updateReturning<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
  where: { sql: string; parameters: Record<string, unknown> },
): Promise<T[]> {
  const result = await db
    .createQueryBuilder()
    .update(entity)
    .set(values)
    .where(where.sql, where.parameters)
    .returning("*")
    .execute();
  return (result.raw as Record<string, unknown>[]).map((raw) => hydrate(db, entity, raw));
}

/**
 * SELECT … FOR UPDATE of one tenant-owned row by its full key: it stays locked until the request
 * ends, so of concurrent moves one wins and the others see its result. Null when it is gone.
 */
export async function lockRow<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  row: { tenantId: string; id: string },
): Promise<T | null> {
  const { tableName } = db.connection.getMetadata(entity);
  const [locked] = await db.query(`SELECT * FROM ${tableName} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [row.tenantId, row.id]);
  return locked ? hydrate(db, entity, locked) : null;
}

/**
 * The WHERE of one tenant-owned row: its full key, (tenant_id, id), and optionally a state it must
 * still be in (a compare-and-set: no row comes back when another request moved it first).
 */
export function rowKey(
  row: { tenantId: string; id: string },
  stillIn?: { sql: string; parameters?: Record<string, unknown> },
): { sql: string; parameters: Record<string, unknown> } {
  const key = "tenant_id = :tenantId AND id = :id";
  return {
    sql: stillIn ? `${key} AND ${stillIn.sql}` : key,
    parameters: { tenantId: row.tenantId, id: row.id, ...stillIn?.parameters },
  };
}
