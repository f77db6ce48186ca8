import { MigrationInterface, QueryRunner } from "typeorm";
import * as OpenCC from "opencc-js";

/** The named rows a search finds, and the column holding each one's name. */
const SEARCHED_NAMES = [
  { table: "clients", column: "name" },
  { table: "tenants", column: "name" },
  { table: "service_cases", column: "title" },
] as const;

/**
 * Name search that folds Chinese scripts, case and width (docs/language-and-search.md).
 *
 * `search_key` is a generated column, so every write of a name keeps it (and the rows already
 * there get theirs now) without any write path having to remember it: app.search_fold is NFKC,
 * then lower case, then Traditional → Simplified character by character with the map opencc-js
 * builds here. Substrings are found through a GIN index over the key's character pairs: trigrams
 * cannot serve a two-character query, and pg_trgm sees no CJK trigram at all under LC_CTYPE=C.
 */
export class NameSearch1765250000000 implements MigrationInterface {
  name = "NameSearch1765250000000";

  public async up(db: QueryRunner): Promise<void> {
    const simplified = JSON.stringify(simplifiedForms()).replaceAll("'", "''");
    await db.query(`
      CREATE FUNCTION app.search_fold(name text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
      AS $$
        SELECT coalesce(string_agg(coalesce('${simplified}'::jsonb ->> c, c), '' ORDER BY i), '')
          FROM regexp_split_to_table(lower(normalize(name, NFKC)), '') WITH ORDINALITY AS t (c, i)
      $$;

      CREATE FUNCTION app.search_bigrams(folded text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
      AS $$ SELECT ARRAY(SELECT DISTINCT substr(folded, i, 2) FROM generate_series(1, length(folded) - 1) AS i) $$;
    `);
    for (const { table, column } of SEARCHED_NAMES) {
      await db.query(`
        ALTER TABLE ${table} ADD COLUMN search_key text NOT NULL GENERATED ALWAYS AS (app.search_fold(${column})) STORED;
        CREATE INDEX ${table}_search_bigrams ON ${table} USING gin (app.search_bigrams(search_key));
      `);
    }
  }

  public async down(db: QueryRunner): Promise<void> {
    for (const { table } of SEARCHED_NAMES) await db.query(`ALTER TABLE ${table} DROP COLUMN search_key`);
    await db.query(`DROP FUNCTION app.search_bigrams(text); DROP FUNCTION app.search_fold(text)`);
  }
}

/** The CJK blocks whose characters have Traditional forms: Extension A and the Unified Ideographs. */
const HAN_RANGES: readonly [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];

/**
 * Each Traditional character (OpenCC's generic, Taiwan and Hong Kong sets) and the Simplified
 * character it folds to. Character by character rather than by phrase: a search for part of a
 * name must fold as the whole name did.
 */
function simplifiedForms(): Record<string, string> {
  const converters = (["t", "tw", "hk"] as const).map((from) => OpenCC.Converter({ from, to: "cn" }));
  const forms: Record<string, string> = {};
  for (const [first, last] of HAN_RANGES) {
    for (let code = first; code <= last; code++) {
      const character = String.fromCodePoint(code);
      const folded = converters.map((convert) => convert(character)).find((out) => out !== character && [...out].length === 1);
      if (folded) forms[character] = folded;
    }
  }
  return forms;
}
