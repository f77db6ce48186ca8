import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";

/** A raw row (column names) as the entity TypeORM would have loaded. */
export function hydrate<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, raw: Record<string, unknown>): T {
  const metadata = db.connection.getMetadata(entity);
  const row = metadata.create() as T;
  for (const column of metadata.columns) {
    column.setEntityValue(row, db.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return row;
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
