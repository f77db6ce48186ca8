import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Page, PageArgs, decodeCursorOrThrow, encodeCursor, pageSize } from "../../shared/pagination";
import { JoinedRow, selectEntities } from "./entity-rows";

export interface KeysetOrder<T> {
  alias: string;
  /** The sort column before the id tie-breaker, e.g. `created_at`. */
  column: string;
  /** How the cursor's value is cast back in SQL. */
  type: "timestamptz" | "date";
  /** The row's value of `column`, as the cursor stores it. */
  valueOf(row: T): string;
}

/**
 * A page of `matching()` ordered by (column, id), continuing after the cursor; counted only when
 * asked. `joined`: to-one rows the query selects under every node, read in the same statement.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  matching: () => SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  args: PageArgs,
  joined: JoinedRow<any>[] = [],
): Promise<Page<T>> {
  const { alias, column, type } = order;
  const page = matching().orderBy(`${alias}.${column}`).addOrderBy(`${alias}.id`).limit(pageSize(args) + 1);
  if (args.after) {
    const [value, id] = decodeCursorOrThrow(args.after, 2);
    page.andWhere(`(${alias}.${column}, ${alias}.id) > (:value::${type}, :id::uuid)`, { value, id });
  }
  const rows = await selectEntities(page, joined);
  return {
    nodes: rows.slice(0, pageSize(args)),
    hasNextPage: rows.length > pageSize(args),
    cursorOf: (row) => encodeCursor([order.valueOf(row), row.id]),
    countTotal: () => matching().getCount(),
  };
}

export const byTimestamp = <T>(alias: string, column: string, valueOf: (row: T) => Date): KeysetOrder<T> => ({
  alias,
  column,
  type: "timestamptz",
  valueOf: (row) => valueOf(row).toISOString(),
});
