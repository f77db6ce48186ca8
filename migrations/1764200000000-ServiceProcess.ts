import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The 10-step service process (seed 001), the fuller CRM profile, and the audit trail: one
 * trigger on every tenant table appends a hash-chained row per change, written by a role the
 * requests cannot act as, so the runtime role can read its trail but never change it.
 */
export class ServiceProcess1764200000000 implements MigrationInterface {
  name = "ServiceProcess1764200000000";

  public async up(db: QueryRunner): Promise<void> {
    await this.extendClients(db);
    await this.createCaseTables(db);
    await this.createAuditTrail(db);
    await this.isolateAndAudit(db);
  }

  private async extendClients(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE clients
        ADD COLUMN consultant_id uuid REFERENCES users (id),
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
      CREATE INDEX clients_tenant_consultant ON clients (tenant_id, consultant_id);
      CREATE INDEX clients_consultant_id ON clients (consultant_id);
      CREATE INDEX clients_tags ON clients USING gin (tags);

      CREATE TABLE client_contacts (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        title text,
        phone text,
        email text,
        is_primary boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id)
      );
      CREATE INDEX client_contacts_client ON client_contacts (tenant_id, client_id);

      CREATE TABLE client_communications (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('PHONE','EMAIL','VISIT','ONLINE','MEETING','MESSAGE')),
        occurred_at timestamptz NOT NULL,
        summary text NOT NULL CHECK (length(btrim(summary)) > 0),
        author_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id)
      );
      CREATE INDEX client_communications_client ON client_communications (tenant_id, client_id, occurred_at);
      CREATE INDEX client_communications_author_id ON client_communications (author_id);
    `);
  }

  private async createCaseTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_cases (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        tier text NOT NULL CHECK (tier IN ('GENERAL','KEY','SPECIAL')),
        step text NOT NULL DEFAULT 'INTAKE' CHECK (step IN ('INTAKE','PROFILED','PLAN_DRAFTED','PLAN_CONFIRMED','EXECUTION_PLANNED','IN_SERVICE','MATERIALS_TRANSFERRED','CERTIFICATION','EVALUATED','ARCHIVED')),
        consultant_id uuid NOT NULL REFERENCES users (id),
        opened_by uuid NOT NULL REFERENCES users (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        response_due_at timestamptz NOT NULL,
        first_response_at timestamptz,
        archived_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
        CHECK ((step = 'ARCHIVED') = (archived_at IS NOT NULL))
      );
      CREATE INDEX service_cases_tenant_opened ON service_cases (tenant_id, opened_at, id);
      CREATE INDEX service_cases_tenant_step ON service_cases (tenant_id, step, tier);
      CREATE INDEX service_cases_tenant_consultant ON service_cases (tenant_id, consultant_id);
      CREATE INDEX service_cases_tenant_client ON service_cases (tenant_id, client_id);
      CREATE INDEX service_cases_id ON service_cases (id);
      CREATE INDEX service_cases_consultant_id ON service_cases (consultant_id);
      CREATE INDEX service_cases_opened_by ON service_cases (opened_by);

      -- An archived case is read-only, whoever asks.
      CREATE FUNCTION app.refuse_archived_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'service case % is archived and read-only', OLD.id USING ERRCODE = 'LPA01';
      END $$;
      CREATE TRIGGER archived_case_is_read_only BEFORE UPDATE OR DELETE ON service_cases
        FOR EACH ROW WHEN (OLD.step = 'ARCHIVED') EXECUTE FUNCTION app.refuse_archived_case_change();

      CREATE TABLE case_transitions (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        from_step text,
        to_step text NOT NULL,
        note text,
        actor_id uuid REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id)
      );
      CREATE INDEX case_transitions_case ON case_transitions (tenant_id, case_id, at);
      CREATE INDEX case_transitions_actor_id ON case_transitions (actor_id);

      CREATE TABLE case_needs (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('PHONE','ONLINE_FORM','VISIT')),
        needs text NOT NULL CHECK (length(btrim(needs)) > 0),
        captured_by uuid NOT NULL REFERENCES users (id),
        captured_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id)
      );
      CREATE INDEX case_needs_case ON case_needs (tenant_id, case_id);
      CREATE INDEX case_needs_captured_by ON case_needs (captured_by);

      CREATE TABLE service_plans (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        content text NOT NULL CHECK (length(btrim(content)) > 0),
        schedule text NOT NULL,
        expected_results text NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED','CONFIRMED','CHANGES_REQUESTED')),
        client_comment text,
        decided_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, case_id, version),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id)
      );
      CREATE INDEX service_plans_created_by ON service_plans (created_by);

      CREATE TABLE case_tasks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        owner_id uuid NOT NULL REFERENCES users (id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','IN_PROGRESS','DONE','CANCELLED')),
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id)
      );
      CREATE INDEX case_tasks_case ON case_tasks (tenant_id, case_id, due_on);
      CREATE INDEX case_tasks_open_due ON case_tasks (tenant_id, due_on) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX case_tasks_owner_id ON case_tasks (owner_id);

      CREATE TABLE service_records (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('TRAINING','CONSULTING','CERTIFICATION')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        place text NOT NULL,
        participants text[] NOT NULL DEFAULT '{}',
        outcome text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE INDEX service_records_case ON service_records (tenant_id, case_id, started_at);
      CREATE INDEX service_records_recorded_by ON service_records (recorded_by);

      CREATE TABLE material_handovers (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        body_name text NOT NULL CHECK (length(btrim(body_name)) > 0),
        documents text[] NOT NULL CHECK (cardinality(documents) > 0),
        handed_over_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        CHECK (acknowledged_at IS NULL OR acknowledged_at >= handed_over_at)
      );
      CREATE INDEX material_handovers_case ON material_handovers (tenant_id, case_id);
      CREATE INDEX material_handovers_recorded_by ON material_handovers (recorded_by);

      CREATE TABLE certification_reviews (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        body_name text NOT NULL CHECK (length(btrim(body_name)) > 0),
        scheduled_for timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','COMPLETED')),
        result text CHECK (result IN ('PASSED','FAILED')),
        notes text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        CHECK ((status = 'COMPLETED') = (result IS NOT NULL))
      );
      CREATE INDEX certification_reviews_case ON certification_reviews (tenant_id, case_id);

      CREATE TABLE case_evaluations (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        scores jsonb NOT NULL,
        mean_score numeric(3,2) NOT NULL CHECK (mean_score BETWEEN 1 AND 5),
        client_feedback text,
        follow_up_needed boolean NOT NULL DEFAULT false,
        evaluated_by uuid NOT NULL REFERENCES users (id),
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, case_id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id)
      );
      CREATE INDEX case_evaluations_evaluated_by ON case_evaluations (evaluated_by);
    `);
  }

  private async createAuditTrail(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'linkpass_audit') THEN
          CREATE ROLE linkpass_audit NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT linkpass_audit TO CURRENT_USER;

      CREATE TABLE audit_log (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id bigint GENERATED ALWAYS AS IDENTITY,
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        membership_id uuid,
        acting_tenant_id uuid,
        operation text,
        request_id text,
        action text NOT NULL CHECK (action IN ('INSERT','UPDATE','DELETE')),
        target_type text NOT NULL,
        target_id uuid,
        before jsonb,
        after jsonb,
        prev_hash text,
        hash text NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, seq)
      );
      CREATE INDEX audit_log_tenant_target ON audit_log (tenant_id, target_id);
      CREATE INDEX audit_log_id ON audit_log (id);

      -- The hashed content of an entry; the trigger and verification share it.
      CREATE FUNCTION app.audit_hash(prev_hash text, a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(jsonb_build_array(
          prev_hash, a.tenant_id, a.seq, (extract(epoch FROM a.at) * 1000000)::bigint, a.actor_user_id,
          a.membership_id, a.acting_tenant_id, a.operation, a.request_id, a.action, a.target_type,
          a.target_id, a.before, a.after)::text, 'UTF8')), 'hex')
      $$;

      CREATE FUNCTION app.record_audit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        entry audit_log;
        last_entry record;
      BEGIN
        entry.before := old_row;
        entry.after := new_row;
        IF TG_OP = 'UPDATE' THEN
          -- only the fields that changed
          SELECT jsonb_object_agg(key, old_row -> key), jsonb_object_agg(key, new_row -> key)
            INTO entry.before, entry.after
            FROM jsonb_object_keys(new_row) AS key
           WHERE new_row -> key IS DISTINCT FROM old_row -> key;
          IF entry.after IS NULL THEN
            RETURN NULL;
          END IF;
        END IF;

        entry.tenant_id := (coalesce(new_row, old_row) ->> 'tenant_id')::uuid;
        -- One writer at a time per tenant chain, until this transaction ends.
        PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || entry.tenant_id, 0));
        SELECT seq, hash INTO last_entry FROM audit_log WHERE tenant_id = entry.tenant_id ORDER BY seq DESC LIMIT 1;

        entry.seq := coalesce(last_entry.seq, 0) + 1;
        entry.at := clock_timestamp();
        entry.actor_user_id := nullif(current_setting('app.user_id', true), '')::uuid;
        entry.membership_id := nullif(current_setting('app.membership_id', true), '')::uuid;
        entry.acting_tenant_id := nullif(current_setting('app.tenant_id', true), '')::uuid;
        entry.operation := nullif(current_setting('app.operation', true), '');
        entry.request_id := nullif(current_setting('app.request_id', true), '');
        entry.action := TG_OP;
        entry.target_type := TG_TABLE_NAME;
        entry.target_id := (coalesce(new_row, old_row) ->> 'id')::uuid;
        entry.prev_hash := last_entry.hash;
        entry.hash := app.audit_hash(entry.prev_hash, entry);

        INSERT INTO audit_log (tenant_id, seq, at, actor_user_id, membership_id, acting_tenant_id, operation, request_id,
                               action, target_type, target_id, before, after, prev_hash, hash)
        VALUES (entry.tenant_id, entry.seq, entry.at, entry.actor_user_id, entry.membership_id, entry.acting_tenant_id,
                entry.operation, entry.request_id, entry.action, entry.target_type, entry.target_id, entry.before,
                entry.after, entry.prev_hash, entry.hash);
        RETURN NULL;
      END $$;
      ALTER FUNCTION app.record_audit() OWNER TO linkpass_audit;

      CREATE FUNCTION app.audit_tenant_table(target regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TRIGGER audit_trail AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION app.record_audit()', target);
      END $$;

      ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
      ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_read ON audit_log FOR SELECT USING (tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]));
      -- linkpass_audit acts only inside app.record_audit: it reads a chain's last entry and appends.
      CREATE POLICY audit_chain_read ON audit_log FOR SELECT TO linkpass_audit USING (true);
      CREATE POLICY audit_append ON audit_log FOR INSERT TO linkpass_audit WITH CHECK (true);
      -- Append-only: the runtime role reads; only the trigger's role inserts; nobody updates or deletes.
      GRANT SELECT ON audit_log TO linkpass_app;
      GRANT SELECT, INSERT ON audit_log TO linkpass_audit;
      GRANT USAGE ON SCHEMA app TO linkpass_audit;
    `);
  }

  private async isolateAndAudit(db: QueryRunner): Promise<void> {
    const tables = [
      "client_contacts",
      "client_communications",
      "service_cases",
      "case_transitions",
      "case_needs",
      "service_plans",
      "case_tasks",
      "service_records",
      "material_handovers",
      "certification_reviews",
      "case_evaluations",
    ];
    for (const table of tables) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
    }
    for (const table of ["clients", ...tables]) await db.query(`SELECT app.audit_tenant_table('${table}')`);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE case_evaluations, certification_reviews, material_handovers, service_records,
        case_tasks, service_plans, case_needs, case_transitions, service_cases, client_communications, client_contacts;
      DROP TRIGGER audit_trail ON clients;
      DROP FUNCTION app.audit_tenant_table(regclass), app.record_audit(), app.audit_hash(text, audit_log),
        app.refuse_archived_case_change();
      DROP TABLE audit_log;
      ALTER TABLE clients DROP COLUMN consultant_id, DROP COLUMN tags;
    `);
  }
}
