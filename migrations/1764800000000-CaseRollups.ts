import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The network report counts cases by tenant, step and tier. At a million cases, aggregating the
 * case rows themselves costs most of the report, so a trigger keeps monthly counts per tenant,
 * step and tier (UTC months of opened_at), with how many of them got their first response late.
 * The report adds whole months from here and reads only the partial months at either end of a
 * period, and the still-unanswered cases, from service_cases itself (two partial indexes let it
 * read those, and the revisit rate's archived cases, from the index alone).
 *
 * The counts are written only by the trigger's own role, linkpass_rollup; requests read them
 * through the same tenant policy as every other table and cannot change them.
 */
export class CaseRollups1764800000000 implements MigrationInterface {
  name = "CaseRollups1764800000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linkpass_rollup') THEN
          CREATE ROLE linkpass_rollup NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT linkpass_rollup TO CURRENT_USER;
      GRANT USAGE ON SCHEMA app TO linkpass_rollup;

      CREATE TABLE case_rollups (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        month_start timestamptz NOT NULL,
        step text NOT NULL,
        tier text NOT NULL,
        cases int NOT NULL CHECK (cases >= 0),
        responded_late int NOT NULL CHECK (responded_late BETWEEN 0 AND cases),
        PRIMARY KEY (tenant_id, month_start, step, tier)
      );
      SELECT app.isolate_tenant_table('case_rollups');
      GRANT SELECT ON case_rollups TO linkpass_app;
      GRANT SELECT, INSERT, UPDATE, TRUNCATE ON case_rollups TO linkpass_rollup;
      CREATE POLICY rollup_maintenance ON case_rollups TO linkpass_rollup USING (true) WITH CHECK (true);

      CREATE FUNCTION app.month_start(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT date_trunc('month', at, 'UTC') $$;

      CREATE FUNCTION app.roll_up_case() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE case_rollups
             SET cases = cases - 1, responded_late = responded_late - coalesce((OLD.first_response_at > OLD.response_due_at)::int, 0)
           WHERE tenant_id = OLD.tenant_id AND month_start = app.month_start(OLD.opened_at) AND step = OLD.step AND tier = OLD.tier;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO case_rollups AS r (tenant_id, month_start, step, tier, cases, responded_late)
          VALUES (NEW.tenant_id, app.month_start(NEW.opened_at), NEW.step, NEW.tier, 1, coalesce((NEW.first_response_at > NEW.response_due_at)::int, 0))
          ON CONFLICT (tenant_id, month_start, step, tier)
          DO UPDATE SET cases = r.cases + 1, responded_late = r.responded_late + EXCLUDED.responded_late;
        END IF;
        RETURN NULL;
      END $$;
      ALTER FUNCTION app.roll_up_case() OWNER TO linkpass_rollup;

      -- Named after audit_trail so it fires after it: the audit trail's per-tenant lock orders writers first.
      CREATE TRIGGER case_rollup AFTER INSERT OR DELETE OR UPDATE OF tenant_id, opened_at, step, tier, first_response_at, response_due_at
        ON service_cases FOR EACH ROW EXECUTE FUNCTION app.roll_up_case();

      -- For bulk loads that bypass triggers (benchmark data): recount everything.
      CREATE FUNCTION app.rebuild_case_rollups() RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        TRUNCATE case_rollups;
        INSERT INTO case_rollups (tenant_id, month_start, step, tier, cases, responded_late)
        SELECT tenant_id, app.month_start(opened_at), step, tier, count(*), count(*) FILTER (WHERE first_response_at > response_due_at)
          FROM service_cases GROUP BY 1, 2, 3, 4;
      $$;
      ALTER FUNCTION app.rebuild_case_rollups() OWNER TO linkpass_rollup;
      REVOKE ALL ON FUNCTION app.rebuild_case_rollups() FROM PUBLIC;
      GRANT SELECT ON service_cases TO linkpass_rollup;
      CREATE POLICY rollup_rebuild ON service_cases FOR SELECT TO linkpass_rollup USING (true);
      SELECT app.rebuild_case_rollups();

      -- The live part of "past the response target": cases still waiting for a first response.
      CREATE INDEX service_cases_awaiting_response ON service_cases (tenant_id, response_due_at) INCLUDE (opened_at)
        WHERE first_response_at IS NULL;
      -- The revisit rate's sample: archived cases and their clients, read from the index alone.
      CREATE INDEX service_cases_archived_client ON service_cases (tenant_id, client_id, archived_at) WHERE step = 'ARCHIVED';
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX service_cases_awaiting_response, service_cases_archived_client;
      DROP TRIGGER case_rollup ON service_cases;
      DROP POLICY rollup_rebuild ON service_cases;
      REVOKE SELECT ON service_cases FROM linkpass_rollup;
      DROP FUNCTION app.rebuild_case_rollups(), app.roll_up_case(), app.month_start(timestamptz);
      DROP TABLE case_rollups;
    `);
  }
}
