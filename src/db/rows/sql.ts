import sql, { Sql, empty, join, raw } from "sql-template-tag";
import type { EntityManager } from "typeorm";

/**
 * Hand-written SQL as fragments: sql`… ${value} …` binds each value as a parameter, a fragment
 * inside another keeps its own values, and the statement is numbered `$1…` only when it runs.
 * `raw` and `identifier` put text into the statement: only ever text our code wrote.
 */
export { sql, Sql, empty, join, raw };

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** A column or table name (`opened_at`, `c.tenant_id`), refused unless it is a plain lower-case name. */
export function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  return raw(name);
}

const isEmpty = (fragment: Sql) => fragment.values.length === 0 && fragment.strings.every((text) => text.trim() === "");

/** The conditions joined by AND, `empty` ones left out; `empty` when none is left. */
export function allOf(...conditions: Sql[]): Sql {
  const present = conditions.filter((condition) => !isEmpty(condition));
  return present.length === 0 ? empty : join(present, " AND ");
}

/** `WHERE` and the conditions that are not `empty`; nothing when none is left. */
export function where(...conditions: Sql[]): Sql {
  const all = allOf(...conditions);
  return isEmpty(all) ? empty : sql`WHERE ${all}`;
}

/**
 * The statement PostgreSQL receives for a fragment. An object bound in several places (the same
 * array of ids, the same Date) is sent once, under one number, as a hand-numbered statement
 * would; every other value gets a number of its own.
 */
export function statementOf(fragment: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const numberOf = new Map<object, number>();
  let text = fragment.strings[0];
  fragment.values.forEach((value, i) => {
    const shared = typeof value === "object" && value !== null;
    let number = shared ? numberOf.get(value) : undefined;
    if (number === undefined) {
      number = values.push(value);
      if (shared) numberOf.set(value, number);
    }
    text += `$${number}${fragment.strings[i + 1]}`;
  });
  return { text, values };
}

/**
 * Runs a fragment on the request's connection and returns its rows: a SELECT's, and an INSERT's,
 * UPDATE's or DELETE's RETURNING rows alike (TypeORM's own query answers those as [rows, count]).
 */
export async function query<T = Record<string, any>>(db: EntityManager, fragment: Sql): Promise<T[]> {
  const { text, values } = statementOf(fragment);
  const runner = db.queryRunner ?? db.connection.createQueryRunner();
  try {
    return (await runner.query(text, values, true)).records as T[];
  } finally {
    if (runner !== db.queryRunner) await runner.release();
  }
}
