import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Page, PageArgs, decodeCursorOrThrow, encodeCursor, pageSize } from "../shared/pagination";

/**
 * A page of `matching()` ordered by (timestamp column, id), continuing after the cursor; the
 * total is counted only when asked for.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  matching: () => SelectQueryBuilder<T>,
  order: { alias: string; column: string; valueOf: (row: T) => Date },
  args: PageArgs,
): Promise<Page<T>> {
  const { alias, column } = order;
  const page = matching().orderBy(`${alias}.${column}`).addOrderBy(`${alias}.id`).limit(pageSize(args) + 1);
  if (args.after) {
    const [at, id] = decodeCursorOrThrow(args.after, 2);
    page.andWhere(`(${alias}.${column}, ${alias}.id) > (:at::timestamptz, :id::uuid)`, { at, id });
  }
  const rows = await page.getMany();
  return {
    nodes: rows.slice(0, pageSize(args)),
    hasNextPage: rows.length > pageSize(args),
    cursorOf: (row) => encodeCursor([order.valueOf(row).toISOString(), row.id]),
    countTotal: () => matching().getCount(),
  };
}
