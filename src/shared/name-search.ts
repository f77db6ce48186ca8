import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { PageArgs } from "./pagination";

/** A page of a list that can be narrowed to the rows whose name holds some text. */
@ArgsType()
export class NameSearchArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Part of the name (a case's title), two characters or more: case, full- or half-width forms and Simplified or Traditional Chinese do not matter (广州 finds 廣州)",
  })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

/** A table of rows' character pairs (migrations NameSearch, NamePairsInListOrder) and the column its rows' lists are ordered by. */
export interface NamePairs {
  table: string;
  listedBy: string;
}

/**
 * Narrows `query` to the rows under `alias` whose name holds `search`, both folded by
 * app.search_fold (migration NameSearch); strpos decides. With a pair table and two characters or
 * more, the rows come from the pairs' index instead of a scan: joined to the search's first pair
 * on the row's list order too, so a first page is that index's first entries in the page's own
 * order; a longer search also needs every one of its pairs, found through the same table.
 */
export function whereNameHolds<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, search: string, pairs?: NamePairs): SelectQueryBuilder<T> {
  query.andWhere(`strpos(${alias}.search_key, app.search_fold(:nameSearch)) > 0`, { nameSearch: search });
  // The folding keeps the count of characters after NFKC (lower case, then one character for one).
  const characters = [...search.normalize("NFKC")].length;
  if (!pairs || characters < 2) return query;
  const wanted = "app.search_pairs(app.search_fold(:nameSearch))";
  query.innerJoin(
    pairs.table,
    "name_pair",
    `name_pair.pair = (${wanted})[1] AND name_pair.tenant_id = ${alias}.tenant_id AND name_pair.row_id = ${alias}.id AND name_pair.listed_at = ${alias}.${pairs.listedBy}`,
  );
  if (characters > 2) {
    query.andWhere(
      `(${alias}.tenant_id, ${alias}.id) IN (SELECT p.tenant_id, p.row_id FROM ${pairs.table} p WHERE p.pair = ANY(${wanted}) GROUP BY 1, 2 HAVING count(*) = cardinality(${wanted}))`,
    );
  }
  return query;
}
