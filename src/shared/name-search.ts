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
 * `search`, both folded by app.search_fold (migration NameSearch). From two characters on, the
 * GIN index over the key's character pairs narrows the rows first; strpos then checks the order.
 */
export function nameHolds(alias: string, search: string): [string, { nameSearch: string }] {
  const contains = `strpos(${alias}.search_key, app.search_fold(:nameSearch)) > 0`;
  const pairs = `app.search_bigrams(${alias}.search_key) @> app.search_bigrams(app.search_fold(:nameSearch))`;
  return [[...search.normalize("NFKC")].length >= 2 ? `${pairs} AND ${contains}` : contains, { nameSearch: search }];
}
