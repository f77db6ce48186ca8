import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field } from "type-graphql";
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

/**
 * The condition (for a query builder's andWhere) that the row under `alias` has a name holding
 * `search`, both folded by app.search_fold (migration NameSearch). With a table of the rows'
 * character pairs and two characters or more, its btree finds the rows holding every pair of the
 * search first; strpos then checks they stand in the search's order.
 */
export function nameHolds(alias: string, search: string, pairsTable?: string): [string, { nameSearch: string }] {
  const contains = `strpos(${alias}.search_key, app.search_fold(:nameSearch)) > 0`;
  if (!pairsTable || [...search.normalize("NFKC")].length < 2) return [contains, { nameSearch: search }];
  const wanted = "app.search_pairs(app.search_fold(:nameSearch))";
  const holdingEveryPair = `(${alias}.tenant_id, ${alias}.id) IN (SELECT p.tenant_id, p.row_id FROM ${pairsTable} p WHERE p.pair = ANY(${wanted}) GROUP BY 1, 2 HAVING count(*) = cardinality(${wanted}))`;
  return [`${holdingEveryPair} AND ${contains}`, { nameSearch: search }];
}
