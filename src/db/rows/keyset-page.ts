import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { isUuid } from "../../shared/ids";
import { Page, PageArgs, decodeCursorOrThrow, encodeCursor, pageSize } from "../../shared/pagination";
import { JoinedRow, selectRows } from "./entity-rows";

/**
 * One kind of sort-key column: how the database writes its value as the cursor's text, which
 * texts a cursor may carry, and the type they are cast back to. The text comes from the
 * database, never from the entity (a JS Date keeps milliseconds, timestamptz keeps
 * microseconds), so the cursor names the stored key exactly and `> cursor` skips its own row.
 */
interface KeyKind {
  sqlType: string;
  asText(column: string): string;
  valid(text: string): boolean;
}

/** 1–6 fraction digits: cursors written when they kept milliseconds still read. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day and time of day (no 2026-02-30, no 24:00), years 0001–9999: what a Date makes of it is what was written. */
function isCalendarMoment(year: string, month: string, day: string, hours = "00", minutes = "00", seconds = "00"): boolean {
  const written = [year, month, day, hours, minutes, seconds].map(Number);
  const moment = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as written.
  moment.setUTCFullYear(written[0], written[1] - 1, written[2]);
  moment.setUTCHours(written[3], written[4], written[5]);
  const read = [moment.getUTCFullYear(), moment.getUTCMonth() + 1, moment.getUTCDate(), moment.getUTCHours(), moment.getUTCMinutes(), moment.getUTCSeconds()];
  return written[0] >= 1 && read.every((part, index) => part === written[index]);
}

const TIMESTAMP: KeyKind = {
  sqlType: "timestamptz",
  asText: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  valid(text) {
    const parts = ISO_TIMESTAMP.exec(text);
    return parts !== null && isCalendarMoment(parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
  },
};

const DATE: KeyKind = {
  sqlType: "date",
  asText: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
  valid(text) {
    const parts = ISO_DATE.exec(text);
    return parts !== null && isCalendarMoment(parts[1], parts[2], parts[3]);
  },
};

const UUID: KeyKind = { sqlType: "uuid", asText: (column) => `${column}::text`, valid: isUuid };

/** Within int8. */
const BIGINT: KeyKind = { sqlType: "bigint", asText: (column) => `${column}::text`, valid: (text) => /^[1-9]\d{0,17}$/.test(text) };

/** A tenant's materialised path, `/root/…/self/`. */
const TENANT_PATH: KeyKind = {
  sqlType: "text",
  asText: (column) => column,
  valid: (text) => text.length <= 4000 && /^(\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})+\/$/.test(text),
};

/** The order of a page: its key columns (unique together) and one direction for all of them. */
export interface KeysetOrder {
  alias: string;
  key: readonly { column: string; kind: KeyKind }[];
  direction: "ASC" | "DESC";
}

const COMPARISON = { ASC: { after: ">", atOrBefore: "<=" }, DESC: { after: "<", atOrBefore: ">=" } } as const;

/** The raw column each key part is selected under, beside the row's own columns. */
const keyAlias = (index: number) => `keyset_key_${index}`;

/**
 * A page of `matching()` in the key's order, continuing after the cursor; counted, and rows
 * before the cursor looked for, only when asked. `joined`: to-one rows the query selects under
 * every node, read in the same statement.
 */
export async function keysetPage<T extends ObjectLiteral>(
  matching: () => SelectQueryBuilder<T>,
  order: KeysetOrder,
  args: PageArgs,
  joined: JoinedRow<any>[] = [],
): Promise<Page<T>> {
  const { alias, key, direction } = order;
  const size = pageSize(args);
  const after = args.after ? decodeCursorOrThrow(args.after, key.map((part) => part.kind.valid)) : null;
  const columns = `(${key.map((part) => `${alias}.${part.column}`).join(", ")})`;
  const cursor = `(${key.map((part, index) => `CAST(:keyset_${index} AS ${part.kind.sqlType})`).join(", ")})`;
  const cursorParameters = Object.fromEntries((after ?? []).map((text, index) => [`keyset_${index}`, text]));
  /** Rows after the cursor in the page's order, or (`before`) at and before it. */
  const beyondCursor = (query: SelectQueryBuilder<T>, before = false) =>
    query.andWhere(`${columns} ${COMPARISON[direction][before ? "atOrBefore" : "after"]} ${cursor}`, cursorParameters);

  const page = matching().orderBy();
  key.forEach((part, index) => {
    page.addSelect(part.kind.asText(`${alias}.${part.column}`), keyAlias(index));
    page.addOrderBy(`${alias}.${part.column}`, direction);
  });
  page.limit(size + 1);
  if (after) beyondCursor(page);

  const rows = await selectRows(page, joined);
  const cursors = new Map<T, string>(rows.map(({ entity, raw }) => [entity, encodeCursor(key.map((_, index) => raw[keyAlias(index)]))]));
  return {
    nodes: rows.slice(0, size).map((row) => row.entity),
    hasNextPage: rows.length > size,
    cursorOf: (node) => cursors.get(node)!,
    countTotal: () => matching().getCount(),
    hasPreviousPage: async () => (after ? (await beyondCursor(matching(), true).select("1").limit(1).getRawOne()) !== undefined : false),
  };
}

/** By a timestamptz column, then id. */
export const byTimestamp = (alias: string, column: string): KeysetOrder => ({
  alias,
  key: [
    { column, kind: TIMESTAMP },
    { column: "id", kind: UUID },
  ],
  direction: "ASC",
});

/** By a date column, then id. */
export const byDate = (alias: string, column: string): KeysetOrder => ({
  alias,
  key: [
    { column, kind: DATE },
    { column: "id", kind: UUID },
  ],
  direction: "ASC",
});

/** Tenants in tree order: a parent before its children (the path is unique). */
export const byTenantPath = (alias: string): KeysetOrder => ({ alias, key: [{ column: "path", kind: TENANT_PATH }], direction: "ASC" });

/** By a bigint id, newest (largest) first. */
export const byIdDescending = (alias: string): KeysetOrder => ({ alias, key: [{ column: "id", kind: BIGINT }], direction: "DESC" });
