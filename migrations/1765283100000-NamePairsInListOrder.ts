import { MigrationInterface, QueryRunner } from "typeorm";

/** Each pair table, its named table, the name column, and the column that table's lists are ordered by. */
const PAIR_TABLES = [
  { pairs: "client_name_pairs", table: "clients", column: "name", listedBy: "created_at" },
  { pairs: "service_case_title_pairs", table: "service_cases", column: "title", listedBy: "opened_at" },
] as const;

/** The trigger function keeping a pair table: with `listedBy`, each pair also holds the row's list order. */
function keepPairs(pairs: string, listedBy: string | null): string {
  const [column, value] = listedBy ? [", listed_at", `, NEW.${listedBy}`] : ["", ""];
  return `CREATE OR REPLACE FUNCTION app.keep_${pairs}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            DELETE FROM ${pairs} WHERE tenant_id = OLD.tenant_id AND row_id = OLD.id;
          END IF;
          INSERT INTO ${pairs} (tenant_id, row_id, pair${column}) SELECT NEW.tenant_id, NEW.id, unnest(app.search_pairs(NEW.search_key))${value};
          RETURN NULL;
        END $$;`;
}

/**
 * A search's first page straight from an index: each character pair also holds its row's list
 * order (`listed_at`), and an index on (pair, listed_at, row_id) hands out the rows holding a pair
 * already in the list's order. Joined on `listed_at` equal to the row's own column, the planner
 * knows that order is the page's, so a common pair over the whole network (head office) reads its
 * first entries and stops, instead of fetching and sorting every match (migration NameSearch).
 */
export class NamePairsInListOrder1765283100000 implements MigrationInterface {
  name = "NamePairsInListOrder1765283100000";

  public async up(db: QueryRunner): Promise<void> {
    for (const { pairs, table, column, listedBy } of PAIR_TABLES) {
      await db.query(`
        ALTER TABLE ${pairs} ADD COLUMN listed_at timestamptz;
        UPDATE ${pairs} p SET listed_at = r.${listedBy} FROM ${table} r WHERE r.tenant_id = p.tenant_id AND r.id = p.row_id;
        ALTER TABLE ${pairs} ALTER COLUMN listed_at SET NOT NULL;
        CREATE INDEX ${pairs}_in_list_order ON ${pairs} (pair, listed_at, row_id) INCLUDE (tenant_id);

        ${keepPairs(pairs, listedBy)}
        DROP TRIGGER ${pairs} ON ${table};
        CREATE TRIGGER ${pairs} AFTER INSERT OR UPDATE OF ${column}, tenant_id, ${listedBy} ON ${table}
          FOR EACH ROW EXECUTE FUNCTION app.keep_${pairs}();
      `);
    }
  }

  public async down(db: QueryRunner): Promise<void> {
    for (const { pairs, table, column } of PAIR_TABLES) {
      await db.query(`
        DROP TRIGGER ${pairs} ON ${table};
        ${keepPairs(pairs, null)}
        CREATE TRIGGER ${pairs} AFTER INSERT OR UPDATE OF ${column}, tenant_id ON ${table}
          FOR EACH ROW EXECUTE FUNCTION app.keep_${pairs}();
        DROP INDEX ${pairs}_in_list_order;
        ALTER TABLE ${pairs} DROP COLUMN listed_at;
      `);
    }
  }
}
