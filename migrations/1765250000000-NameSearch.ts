import { MigrationInterface, QueryRunner } from "typeorm";
import * as OpenCC from "opencc-js";

/** The named rows a search finds, the column holding each one's name, and the table of its character pairs (none for the few tenants). */
const SEARCHED_NAMES = [
  { table: "clients", column: "name", pairs: "client_name_pairs" },
  { table: "service_cases", column: "title", pairs: "service_case_title_pairs" },
  { table: "tenants", column: "name", pairs: null },
] as const;

/**
 * Name search that folds Chinese scripts, case and width (docs/language-and-search.md).
 *
 * `search_key` is a generated column, so every write of a name keeps it (and the rows already
 * there get theirs now) without any write path having to remember it: app.search_fold is NFKC,
 * then lower case, then Traditional → Simplified character by character with the map opencc-js
 * builds here (translate(), skipped for ASCII so bulk loads of ASCII names cost nothing).
 *
 * Substrings of two characters or more are found through the key's character pairs, kept by a
 * trigger in a table per searched table under the same tenant policies, with a btree over the
 * pair. Not pg_trgm: trigrams cannot serve a two-character query, and under LC_CTYPE=C pg_trgm
 * sees no CJK trigram at all. Not a GIN index over the pairs either: under row-level security a
 * query's own conditions become index conditions only when their operators are leakproof, which
 * text equality is and array containment (and LIKE) is not.
 */
export class NameSearch1765250000000 implements MigrationInterface {
  name = "NameSearch1765250000000";

  public async up(db: QueryRunner): Promise<void> {
    const forms = simplifiedForms();
    const from = Object.keys(forms).join("");
    const to = Object.values(forms).join("");
    await db.query(`
      CREATE FUNCTION app.search_fold(name text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
      AS $$
        SELECT CASE WHEN octet_length(folded) = length(folded) THEN folded ELSE translate(folded, '${from}', '${to}') END
          FROM lower(normalize(name, NFKC)) AS folded
      $$;

      CREATE FUNCTION app.search_pairs(folded text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
      AS $$ SELECT ARRAY(SELECT DISTINCT substr(folded, i, 2) FROM generate_series(1, length(folded) - 1) AS i) $$;
    `);
    for (const { table, column, pairs } of SEARCHED_NAMES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN search_key text NOT NULL GENERATED ALWAYS AS (app.search_fold(${column})) STORED`);
      if (!pairs) continue;
      await db.query(`
        CREATE TABLE ${pairs} (
          tenant_id uuid NOT NULL,
          row_id uuid NOT NULL,
          pair text NOT NULL,
          PRIMARY KEY (pair, tenant_id, row_id),
          FOREIGN KEY (tenant_id, row_id) REFERENCES ${table} (tenant_id, id) ON DELETE CASCADE
        );
        CREATE INDEX ${pairs}_row ON ${pairs} (tenant_id, row_id);
        SELECT app.isolate_tenant_table('${pairs}');
        GRANT SELECT, INSERT, DELETE ON ${pairs} TO linkpass_app;

        CREATE FUNCTION app.keep_${pairs}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            DELETE FROM ${pairs} WHERE tenant_id = OLD.tenant_id AND row_id = OLD.id;
          END IF;
          INSERT INTO ${pairs} (tenant_id, row_id, pair) SELECT NEW.tenant_id, NEW.id, unnest(app.search_pairs(NEW.search_key));
          RETURN NULL;
        END $$;
        CREATE TRIGGER ${pairs} AFTER INSERT OR UPDATE OF ${column}, tenant_id ON ${table}
          FOR EACH ROW EXECUTE FUNCTION app.keep_${pairs}();

        INSERT INTO ${pairs} (tenant_id, row_id, pair) SELECT tenant_id, id, unnest(app.search_pairs(search_key)) FROM ${table};
      `);
    }
    await rewriteAuditRows(db, AUDITED_ROWS, AUDITED_ROWS_WITHOUT_SEARCH_KEY);
  }

  public async down(db: QueryRunner): Promise<void> {
    await rewriteAuditRows(db, AUDITED_ROWS_WITHOUT_SEARCH_KEY, AUDITED_ROWS);
    for (const { table, pairs } of SEARCHED_NAMES) {
      if (pairs) await db.query(`DROP TRIGGER ${pairs} ON ${table}; DROP TABLE ${pairs}; DROP FUNCTION app.keep_${pairs}()`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN search_key`);
    }
    await db.query(`DROP FUNCTION app.search_pairs(text); DROP FUNCTION app.search_fold(text)`);
  }
}

/**
 * How app.record_audit reads a row, and the same without the search key (derived from the name,
 * it is no change of its own) and without a webhook's encrypted secret (requests may never read it).
 */
const AUDITED_ROWS = ["to_jsonb(OLD) END;", "to_jsonb(NEW) END;"];
const AUDITED_ROWS_WITHOUT_SEARCH_KEY = ["to_jsonb(OLD) - 'search_key' - 'secret_ciphertext' END;", "to_jsonb(NEW) - 'search_key' - 'secret_ciphertext' END;"];

/** Replaces, in app.record_audit as it stands (migration UnforgeableContext wrote it last), how it reads OLD and NEW. */
async function rewriteAuditRows(db: QueryRunner, from: readonly string[], to: readonly string[]): Promise<void> {
  const [{ definition }] = await db.query("SELECT pg_get_functiondef('app.record_audit()'::regprocedure) AS definition");
  let rewritten: string = definition;
  from.forEach((text, i) => {
    if (!rewritten.includes(text)) throw new Error(`app.record_audit no longer reads rows as ${text}`);
    rewritten = rewritten.replace(text, to[i]);
  });
  await db.query(rewritten);
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
