import type DataLoader from "dataloader";
import type { EntityManager, EntityTarget, ObjectLiteral, ObjectType, SelectQueryBuilder } from "typeorm";
import type { Driver } from "typeorm/driver/Driver";
import { DriverUtils } from "typeorm/driver/DriverUtils";
import { EntityMetadata } from "typeorm/metadata/EntityMetadata";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { identifier, query, sql } from "./sql";

/** A raw row (column names) as the entity TypeORM would have loaded. */
export function hydrate<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, raw: Record<string, unknown>): T {
  return hydrator<T>(db.connection.getMetadata(entity), db.connection.driver, (databaseName) => databaseName)(raw);
}

/**
 * A to-one row read by the list's own statement (a LEFT JOIN) and primed into the loader that
 * would otherwise fetch it, so selecting it under every row costs no statement of its own.
 */
export interface JoinedRow<R extends ObjectLiteral & { id: string }> {
  entity: ObjectType<R>;
  alias: string;
  /** The join key: each column of the joined table and the list's column it equals. */
  on: Record<string, string>;
  loader: DataLoader<string, R | null>;
}

/**
 * The rows of a SELECT as entities, like getMany() but without its join, grouping and
 * relation-id machinery (our entities have no relations), which cost more than the query itself
 * on long lists. `joined` rows come back through their loaders.
 */
export async function selectEntities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  joined: JoinedRow<ObjectLiteral & { id: string }>[] = [],
): Promise<T[]> {
  return (await selectRows(query, joined)).map((row) => row.entity);
}

/** Like selectEntities, with each entity's raw row: for columns the query selects beside the entity's own. */
export async function selectRows<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  joined: JoinedRow<ObjectLiteral & { id: string }>[] = [],
): Promise<{ entity: T; raw: Record<string, unknown> }[]> {
  const statement = selectStatement(query, joined);
  // The statement's text is the one this query builds; TypeORM runs it on the query's own
  // connection with the query's parameters, as getRawMany() always does.
  const run = query.createQueryBuilder().setParameters(query.getParameters());
  const raws: Record<string, unknown>[] = await Object.assign(run, { getQuery: () => statement.sql }).getRawMany();
  statement.joins.forEach(({ idKey, toJoined }, index) => {
    const { loader } = joined[index];
    for (const raw of raws) if (raw[idKey] != null) loader.prime(raw[idKey] as string, toJoined(raw));
  });
  const toEntity = statement.toEntity as (raw: Record<string, unknown>) => T;
  return raws.map((raw) => ({ entity: toEntity(raw), raw }));
}

/** A list's SELECT as TypeORM writes it, with what reads its rows back: the same for every query of one shape. */
interface SelectStatement {
  /** With named parameters (`:visible`), bound anew on every run. */
  sql: string;
  toEntity: (raw: Record<string, unknown>) => ObjectLiteral;
  /** Per joined row, in order: its id's column in the raw row and how it becomes an entity. */
  joins: { idKey: string; toJoined: (raw: Record<string, unknown>) => ObjectLiteral & { id: string } }[];
}

/**
 * Statements by the shape of the query that wrote them. Writing the SQL (and the joined list's
 * outer SELECT with every joined column) cost more CPU than running it; the text depends only on
 * the query's structure, never on its parameters' values, so each shape is written once.
 */
const SELECT_STATEMENTS = new Map<string, SelectStatement>();
/** Shapes come from code paths, not from values; the bound only keeps a mistake from growing memory. */
const MAX_SELECT_STATEMENTS = 1000;

function selectStatement(query: SelectQueryBuilder<ObjectLiteral>, joined: JoinedRow<ObjectLiteral & { id: string }>[]): SelectStatement {
  const key = shapeOf(query, joined);
  const known = key === null ? undefined : SELECT_STATEMENTS.get(key);
  if (known) return known;
  const written = writeSelectStatement(query, joined);
  if (key !== null && SELECT_STATEMENTS.size < MAX_SELECT_STATEMENTS) SELECT_STATEMENTS.set(key, written);
  return written;
}

/**
 * Everything TypeORM writes the SQL from: the whole expression map but the parameters' values,
 * entities by name, plus the joined rows. Null (written every time) when the map holds what has
 * no plain-data form: joins, sub-query builders, functions.
 */
function shapeOf(query: SelectQueryBuilder<ObjectLiteral>, joined: JoinedRow<ObjectLiteral & { id: string }>[]): string | null {
  const map = query.expressionMap;
  if (map.joinAttributes.length > 0 || map.relationIdAttributes.length > 0 || map.commonTableExpressions.length > 0) return null;
  const joins = joined.map((join) => [query.connection.getMetadata(join.entity).tablePath, join.alias, join.on]);
  try {
    return JSON.stringify([map, joins], (key, value) => {
      if (key === "dataSource" || key === "connection" || key === "parameters") return undefined;
      if (value instanceof EntityMetadata) return `${value.targetName} ${value.tablePath}`;
      if (typeof value === "function" || value instanceof Date) throw new Error("no plain-data shape");
      return value;
    });
  } catch {
    return null;
  }
}

function writeSelectStatement(query: SelectQueryBuilder<ObjectLiteral>, joined: JoinedRow<ObjectLiteral & { id: string }>[]): SelectStatement {
  const toEntity = mainEntityOf<ObjectLiteral>(query);
  if (joined.length === 0) return { sql: query.getQuery(), toEntity, joins: [] };

  const { driver } = query.connection;

  // The joins come after the query, around it: its ORDER BY and LIMIT pick the page first, so a
  // page of 50 costs 50 key lookups per join rather than a join over every matching row.
  const listColumn = (column: string) => `page.${columnKey(driver, query.alias)(column)}`;
  const outer = query.createQueryBuilder().select("page.*").from(`(${query.getQuery()})`, "page");
  const joins = joined.map((join) => {
    const metadata = query.connection.getMetadata(join.entity);
    const key = Object.entries(join.on).map(([column, listed]) => `${join.alias}.${column} = ${listColumn(listed)}`);
    outer.leftJoin(join.entity, join.alias, key.join(" AND "));
    const joinedColumn = columnKey(driver, join.alias);
    for (const { databaseName } of metadata.columns) outer.addSelect(`${join.alias}.${databaseName}`, joinedColumn(databaseName));
    return { idKey: joinedColumn("id"), toJoined: hydrator<ObjectLiteral & { id: string }>(metadata, driver, joinedColumn) };
  });
  for (const [sort, order] of Object.entries(query.expressionMap.orderBys)) {
    outer.addOrderBy(listColumn(sort.slice(sort.indexOf(".") + 1)), typeof order === "string" ? order : order.order);
  }
  return { sql: outer.getQuery(), toEntity, joins };
}

/**
 * A SELECT that TypeORM builds once and that then runs again and again with new parameters, as
 * entities: the SQL text keeps its named parameters (`:ids`), which each run binds anew.
 */
export interface PreparedSelect<T> {
  run(db: EntityManager, parameters: Record<string, unknown>): Promise<T[]>;
}

export function prepareSelect<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): PreparedSelect<T> {
  const { driver } = query.connection;
  const sql = query.getQuery();
  const toEntity = mainEntityOf(query);
  return {
    async run(db, parameters) {
      const [text, values] = driver.escapeQueryWithParameters(sql, parameters);
      return ((await db.query(text, values)) as Record<string, unknown>[]).map(toEntity);
    },
  };
}

/**
 * Column types whose values TypeORM keeps as node-postgres parsed them (timestamptz: already a
 * Date). Their columns are copied as they are; the rest (dates, enums, transformers, …) go
 * through TypeORM's own conversion, which dominated the CPU of long lists.
 */
const AS_PARSED = new Set<unknown>(["uuid", "text", "char", "int", "smallint", "bigint", "numeric", "boolean", "jsonb", "timestamptz"]);

/** How TypeORM names an alias's column in a raw row (`c_opened_at`). */
const columnKey = (driver: Driver, alias: string) => (databaseName: string) => DriverUtils.buildAlias(driver, undefined, alias, databaseName);

/** Builds the query's own entity (its main alias) from each raw row. */
const mainEntityOf = <T>(query: SelectQueryBuilder<T & ObjectLiteral>) =>
  hydrator<T>(query.expressionMap.mainAlias!.metadata, query.connection.driver, columnKey(query.connection.driver, query.alias));

/** Builds entities from raw rows whose keys `keyOf` names from each column's database name. */
function hydrator<T>(metadata: EntityMetadata, driver: Driver, keyOf: (databaseName: string) => string): (raw: Record<string, unknown>) => T {
  const columns = metadata.columns.map((column) => ({
    column,
    key: keyOf(column.databaseName),
    asParsed: AS_PARSED.has(column.type) && !column.transformer && !column.embeddedMetadata && !column.isVirtual ? column.propertyName : null,
  }));
  return (raw) => {
    const row: ObjectLiteral = metadata.create();
    for (const { column, key, asParsed } of columns) {
      if (asParsed !== null) row[asParsed] = raw[key];
      else column.setEntityValue(row, driver.prepareHydratedValue(raw[key], column));
    }
    return row as T;
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
  const [locked] = await query(db, sql`SELECT * FROM ${identifier(tableName)} WHERE tenant_id = ${row.tenantId} AND id = ${row.id} FOR UPDATE`);
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
