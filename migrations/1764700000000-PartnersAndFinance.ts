import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Partners, affiliated companies and inter-centre finance (seeds 000, 001, 003).
 *
 * Every record of a partner or affiliated company lives in that provider's own tenant and
 * carries `parent_tenant_id`, its centre. The two sides write different things into it:
 * - the provider's submissions (qualification files, fee settlement applications, service
 *   standards, business reports) are written by the provider; its centre reads them and, through
 *   the approvals engine, records only the decision columns;
 * - the centre's acts (contracts it drafts, assessments, inter-centre statements) are written by
 *   the centre; the provider reads them and records only its consent or acknowledgement.
 * The policies give each side its rows; the `app.guard_update` trigger holds each side to its
 * own columns, so neither can rewrite what the other wrote.
 */
export class PartnersAndFinance1764700000000 implements MigrationInterface {
  name = "PartnersAndFinance1764700000000";

  public async up(db: QueryRunner): Promise<void> {
    await this.createHelpers(db);
    await this.openTenantsToParents(db);
    await this.createPartnerTables(db);
    await this.createAffiliateTables(db);
    await this.createSettlementTables(db);
    await this.isolate(db);
  }

  private async createHelpers(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The acting tenant may write (auditors and suspended tenants may not).
      CREATE FUNCTION app.acting_tenant_writes() RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT app.acting_tenant_id() = ANY (app.writable_tenant_ids()) $$;

      /*
       * Policies for a provider table: the direct parent reads its children's rows and, when
       * parent_writes, inserts and updates them. own_inserts = false drops the child's own
       * insert policy (for tables only the parent creates rows in).
       */
      CREATE FUNCTION app.parent_tenant_table(target regclass, parent_writes boolean, own_inserts boolean) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE POLICY parent_read ON %s FOR SELECT USING (parent_tenant_id = (SELECT app.acting_tenant_id()))', target);
        IF parent_writes THEN
          EXECUTE format('CREATE POLICY parent_insert ON %s FOR INSERT WITH CHECK (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()))', target);
          EXECUTE format('CREATE POLICY parent_update ON %s FOR UPDATE USING (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes())) WITH CHECK (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()))', target);
        END IF;
        IF NOT own_inserts THEN
          EXECUTE format('DROP POLICY tenant_insert ON %s', target);
        END IF;
      END $$;

      /*
       * BEFORE UPDATE trigger: TG_ARGV[0] names the side it restricts (OWN: the row's tenant
       * acting; PARENT: its parent acting), the other arguments the columns that side may change.
       * Any other changed column is refused as insufficient_privilege.
       */
      CREATE FUNCTION app.guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        acting uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
        side_acts boolean;
        allowed text[] := TG_ARGV[1:];
        changed text;
      BEGIN
        side_acts := CASE TG_ARGV[0] WHEN 'OWN' THEN acting = OLD.tenant_id ELSE acting = OLD.parent_tenant_id END;
        IF NOT coalesce(side_acts, false) THEN
          RETURN NEW;
        END IF;
        SELECT min(key) INTO changed
          FROM jsonb_each(to_jsonb(NEW)) n
         WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key AND NOT n.key = ANY (allowed);
        IF changed IS NOT NULL THEN
          RAISE EXCEPTION 'The % side may not change %.%', lower(TG_ARGV[0]), TG_TABLE_NAME, changed USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$;

      CREATE FUNCTION app.guard_columns(target regclass, side text, allowed text[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TRIGGER guard_%s_update BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION app.guard_update(%L%s)',
          lower(side), target, side, (SELECT string_agg(format(', %L', a), '') FROM unnest(allowed) a));
      END $$;

      -- A suspended tenant's members still read their data but write nothing.
      CREATE OR REPLACE FUNCTION app.enter_request(p_user_id uuid, p_tenant text)
      RETURNS TABLE (
        membership_id uuid, tenant_id uuid, tenant_kind text, role text, department text,
        visible_tenant_ids uuid[], writable_tenant_ids uuid[]
      )
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        acting record;
        visible uuid[];
        writable uuid[];
        profile uuid[];
      BEGIN
        SELECT m.id, m.tenant_id, t.kind, t.status, m.role, m.department, t.path INTO acting
          FROM memberships m JOIN tenants t ON t.id = m.tenant_id
         WHERE m.user_id = p_user_id AND m.active AND t.status <> 'TERMINATED'
           AND (p_tenant IS NULL OR t.id::text = lower(p_tenant) OR t.code = upper(p_tenant))
         ORDER BY t.depth, m.created_at, m.id
         LIMIT 1;
        IF NOT FOUND THEN
          RETURN;
        END IF;

        IF app.role_reads_subtree(acting.role, acting.department) THEN
          SELECT array_agg(t.id ORDER BY t.path) INTO visible FROM tenants t WHERE t.path LIKE acting.path || '%';
        ELSE
          visible := ARRAY[acting.tenant_id];
        END IF;
        writable := CASE WHEN acting.role = 'AUDITOR' OR acting.status = 'SUSPENDED' THEN '{}'::uuid[] ELSE ARRAY[acting.tenant_id] END;
        SELECT array_agg(DISTINCT x) INTO profile FROM (
          SELECT unnest(string_to_array(trim(both '/' FROM acting.path), '/'))::uuid
          UNION SELECT m.tenant_id FROM memberships m WHERE m.user_id = p_user_id AND m.active
        ) ids (x);

        PERFORM set_config('app.user_id', p_user_id::text, true),
                set_config('app.tenant_id', acting.tenant_id::text, true),
                set_config('app.visible_tenant_ids', visible::text, true),
                set_config('app.writable_tenant_ids', writable::text, true),
                set_config('app.profile_tenant_ids', profile::text, true);

        RETURN QUERY SELECT acting.id, acting.tenant_id, acting.kind, acting.role, acting.department, visible, writable;
      END $$;
      GRANT EXECUTE ON FUNCTION app.acting_tenant_writes() TO linkpass_app;
    `);
  }

  /**
   * A centre registers a partner as a child tenant (APPLIED) and later sets its status and grade;
   * it reads its direct children's tenant rows whatever its role. The partner's first member is
   * enrolled by app.enrol_first_member, the only way the runtime role creates a user.
   */
  private async openTenantsToParents(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants ADD CONSTRAINT tenants_id_parent UNIQUE (id, parent_id);
      CREATE POLICY parent_read ON tenants FOR SELECT USING (parent_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY parent_registers_partner ON tenants FOR INSERT WITH CHECK (
        parent_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes())
        AND kind = 'PARTNER' AND status = 'APPLIED' AND provider_grade IS NULL);
      -- Status and grade of a provider (partner or affiliated company), set by its own centre.
      CREATE POLICY parent_update ON tenants FOR UPDATE
        USING (parent_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()) AND kind IN ('PARTNER','AFFILIATED_COMPANY'))
        WITH CHECK (parent_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()) AND kind IN ('PARTNER','AFFILIATED_COMPANY'));
      GRANT INSERT (id, code, name, kind, parent_id, path, depth, registration_number, legal_representative, status) ON tenants TO linkpass_app;
      GRANT UPDATE (status, provider_grade) ON tenants TO linkpass_app;

      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linkpass_enrol') THEN
          CREATE ROLE linkpass_enrol NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT linkpass_enrol TO CURRENT_USER;
      GRANT USAGE ON SCHEMA app TO linkpass_enrol;
      GRANT SELECT ON tenants, users, memberships TO linkpass_enrol;
      GRANT INSERT (id, email, display_name, password_hash) ON users TO linkpass_enrol;
      GRANT INSERT (tenant_id, user_id, role, department) ON memberships TO linkpass_enrol;
      CREATE POLICY enrol_lookup ON tenants FOR SELECT TO linkpass_enrol USING (true);
      CREATE POLICY enrol_lookup ON users FOR SELECT TO linkpass_enrol USING (true);
      CREATE POLICY enrol_lookup ON memberships FOR SELECT TO linkpass_enrol USING (true);
      CREATE POLICY enrol_user ON users FOR INSERT TO linkpass_enrol WITH CHECK (true);
      CREATE POLICY enrol_member ON memberships FOR INSERT TO linkpass_enrol WITH CHECK (true);

      /*
       * The partner's first member, a PRESIDENT in MANAGEMENT: only the acting tenant may enrol
       * it, only for its own APPLIED partner child without members, and only with an unused email.
       */
      CREATE FUNCTION app.enrol_first_member(p_tenant uuid, p_email text, p_display_name text, p_password_hash text)
      RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        acting uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
        writable uuid[] := nullif(current_setting('app.writable_tenant_ids', true), '')::uuid[];
        new_user uuid := gen_random_uuid();
      BEGIN
        IF acting IS NULL OR NOT acting = ANY (coalesce(writable, '{}')) OR NOT EXISTS (
          SELECT 1 FROM tenants t WHERE t.id = p_tenant AND t.parent_id = acting AND t.kind = 'PARTNER' AND t.status = 'APPLIED'
        ) THEN
          RAISE EXCEPTION 'Only the registering centre enrols a partner''s first member' USING ERRCODE = '42501';
        END IF;
        IF EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = p_tenant) THEN
          RAISE EXCEPTION 'The partner already has members' USING ERRCODE = '23505';
        END IF;
        INSERT INTO users (id, email, display_name, password_hash) VALUES (new_user, lower(btrim(p_email)), btrim(p_display_name), p_password_hash);
        INSERT INTO memberships (tenant_id, user_id, role, department) VALUES (p_tenant, new_user, 'PRESIDENT', 'MANAGEMENT');
        RETURN new_user;
      END $$;
      ALTER FUNCTION app.enrol_first_member(uuid, text, text, text) OWNER TO linkpass_enrol;
      REVOKE ALL ON FUNCTION app.enrol_first_member(uuid, text, text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enrol_first_member(uuid, text, text, text) TO linkpass_app;
    `);
  }

  private async createPartnerTables(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The partner's archive card: one per partner tenant.
      CREATE TABLE partner_profiles (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        partner_type text NOT NULL CHECK (partner_type IN ('SUPPLIER','SERVICE_PROVIDER','DISTRIBUTOR','CERTIFICATION_BODY')),
        service_scope text NOT NULL CHECK (length(btrim(service_scope)) > 0),
        contact_email text NOT NULL,
        admitted_at timestamptz,
        last_reviewed_at timestamptz,
        next_review_due date,
        status_reason text,
        registered_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id)
      );
      CREATE INDEX partner_profiles_parent ON partner_profiles (parent_tenant_id, created_at, id);
      CREATE INDEX partner_profiles_review_due ON partner_profiles (parent_tenant_id, next_review_due);
      CREATE INDEX partner_profiles_registered_by ON partner_profiles (registered_by);

      -- Seed 003 §2: the qualification file, for admission and for each periodic re-review.
      CREATE TABLE partner_qualifications (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('ADMISSION','RE_REVIEW')),
        licence text NOT NULL CHECK (length(btrim(licence)) > 0),
        certificates text NOT NULL,
        team text NOT NULL,
        client_references text NOT NULL,
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED','APPROVED','REJECTED','WITHDRAWN')),
        decided_at timestamptz,
        submitted_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK ((status = 'SUBMITTED') = (decided_at IS NULL))
      );
      -- One file under review at a time.
      CREATE UNIQUE INDEX partner_qualifications_one_open ON partner_qualifications (tenant_id) WHERE status = 'SUBMITTED';
      CREATE INDEX partner_qualifications_tenant_created ON partner_qualifications (tenant_id, created_at, id);
      CREATE INDEX partner_qualifications_parent ON partner_qualifications (parent_tenant_id);
      CREATE INDEX partner_qualifications_submitted_by ON partner_qualifications (submitted_by);

      -- Seed 003 §3: drafted by the centre; terms live in versions, amendments need both parties.
      CREATE TABLE partner_contracts (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','LEGAL_REVIEW','SIGNED','AMENDED','TERMINATED')),
        current_version int NOT NULL DEFAULT 1 CHECK (current_version > 0),
        signed_at timestamptz,
        terminated_at timestamptz,
        termination_cause text,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL AND termination_cause IS NOT NULL)),
        CHECK (status IN ('DRAFT','LEGAL_REVIEW') OR signed_at IS NOT NULL)
      );
      CREATE INDEX partner_contracts_tenant_created ON partner_contracts (tenant_id, created_at, id);
      CREATE INDEX partner_contracts_parent ON partner_contracts (parent_tenant_id, created_at, id);
      CREATE INDEX partner_contracts_created_by ON partner_contracts (created_by);

      CREATE TABLE partner_contract_versions (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        contract_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        rights_and_duties text NOT NULL,
        service_content text NOT NULL,
        price_terms text NOT NULL,
        value_minor bigint NOT NULL CHECK (value_minor > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        quality_standard text NOT NULL,
        breach_liability text NOT NULL,
        dispute_resolution text NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        change_summary text,
        proposed_by uuid NOT NULL REFERENCES users (id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        partner_consented_by uuid REFERENCES users (id),
        partner_consented_at timestamptz,
        declined_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, contract_id, version),
        FOREIGN KEY (tenant_id, contract_id) REFERENCES partner_contracts (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (valid_until > valid_from),
        CHECK ((partner_consented_by IS NULL) = (partner_consented_at IS NULL)),
        CHECK (partner_consented_at IS NULL OR declined_at IS NULL)
      );
      CREATE INDEX partner_contract_versions_contract ON partner_contract_versions (tenant_id, contract_id, version);
      CREATE INDEX partner_contract_versions_parent ON partner_contract_versions (parent_tenant_id);
      CREATE INDEX partner_contract_versions_proposed_by ON partner_contract_versions (proposed_by);
      CREATE INDEX partner_contract_versions_consented_by ON partner_contract_versions (partner_consented_by);

      -- Seed 003 §6: applied by the partner against a signed contract, decided by its centre.
      CREATE TABLE fee_settlements (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        contract_id uuid NOT NULL,
        kind text NOT NULL DEFAULT 'REGULAR' CHECK (kind IN ('REGULAR','FINAL')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        service_from date NOT NULL,
        service_until date NOT NULL,
        proof_of_service text NOT NULL CHECK (length(btrim(proof_of_service)) > 0),
        status text NOT NULL DEFAULT 'APPLIED' CHECK (status IN ('APPLIED','REVIEWED','APPROVED','PAID','REJECTED','WITHDRAWN')),
        reviewed_at timestamptz,
        approved_at timestamptz,
        payment_reference text,
        paid_at timestamptz,
        paid_by uuid REFERENCES users (id),
        decided_at timestamptz,
        applied_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, contract_id) REFERENCES partner_contracts (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (service_until >= service_from),
        CHECK ((status = 'PAID') = (payment_reference IS NOT NULL AND paid_at IS NOT NULL AND paid_by IS NOT NULL))
      );
      CREATE INDEX fee_settlements_tenant_created ON fee_settlements (tenant_id, created_at, id);
      CREATE INDEX fee_settlements_contract ON fee_settlements (tenant_id, contract_id, status);
      CREATE INDEX fee_settlements_parent ON fee_settlements (parent_tenant_id, status);
      CREATE INDEX fee_settlements_applied_by ON fee_settlements (applied_by);
      CREATE INDEX fee_settlements_paid_by ON fee_settlements (paid_by);

      -- Seeds 002, 003 §4: the centre's weights and thresholds; children inherit unless they set their own.
      CREATE TABLE assessment_schemes (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        quality_weight smallint NOT NULL CHECK (quality_weight BETWEEN 0 AND 100),
        efficiency_weight smallint NOT NULL CHECK (efficiency_weight BETWEEN 0 AND 100),
        satisfaction_weight smallint NOT NULL CHECK (satisfaction_weight BETWEEN 0 AND 100),
        fulfilment_weight smallint NOT NULL CHECK (fulfilment_weight BETWEEN 0 AND 100),
        grade1_min numeric(5,2) NOT NULL,
        grade2_min numeric(5,2) NOT NULL,
        grade3_min numeric(5,2) NOT NULL,
        pass_min numeric(5,2) NOT NULL,
        failures_for_rectification smallint NOT NULL CHECK (failures_for_rectification > 0),
        failures_for_termination_review smallint NOT NULL,
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id),
        CHECK (quality_weight + efficiency_weight + satisfaction_weight + fulfilment_weight = 100),
        CHECK (100 >= grade1_min AND grade1_min > grade2_min AND grade2_min > grade3_min AND grade3_min > 0),
        CHECK (pass_min BETWEEN 0 AND 100),
        CHECK (failures_for_termination_review > failures_for_rectification)
      );
      CREATE INDEX assessment_schemes_updated_by ON assessment_schemes (updated_by);

      -- One periodic assessment of a partner or affiliated company, by its centre.
      CREATE TABLE provider_assessments (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        period_from date NOT NULL,
        period_until date NOT NULL,
        quality numeric(5,2) NOT NULL CHECK (quality BETWEEN 0 AND 100),
        efficiency numeric(5,2) NOT NULL CHECK (efficiency BETWEEN 0 AND 100),
        satisfaction numeric(5,2) NOT NULL CHECK (satisfaction BETWEEN 0 AND 100),
        fulfilment_rate numeric(5,2) NOT NULL CHECK (fulfilment_rate BETWEEN 0 AND 100),
        weighted_score numeric(5,2) NOT NULL CHECK (weighted_score BETWEEN 0 AND 100),
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
        passed boolean NOT NULL,
        consecutive_failures smallint NOT NULL CHECK (consecutive_failures >= 0),
        consequence text NOT NULL CHECK (consequence IN ('NONE','RECTIFICATION','TERMINATION_REVIEW')),
        comments text,
        assessed_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, period_from, period_until),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (period_until >= period_from),
        CHECK (passed = (consecutive_failures = 0))
      );
      CREATE INDEX provider_assessments_tenant_period ON provider_assessments (tenant_id, period_until, id);
      CREATE INDEX provider_assessments_parent ON provider_assessments (parent_tenant_id);
      CREATE INDEX provider_assessments_assessed_by ON provider_assessments (assessed_by);

      -- Seed 003 §7, seed 000 §6: a dispute between a provider and its centre, opened by either.
      CREATE TABLE complaints (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        raised_by_tenant_id uuid NOT NULL REFERENCES tenants (id),
        subject text NOT NULL CHECK (length(btrim(subject)) > 0),
        description text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','INVESTIGATING','NEGOTIATION','MEDIATION','ARBITRATION','RESOLVED')),
        resolution text,
        resolved_at timestamptz,
        satisfaction smallint CHECK (satisfaction BETWEEN 0 AND 100),
        rated_by uuid REFERENCES users (id),
        raised_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (raised_by_tenant_id IN (tenant_id, parent_tenant_id)),
        CHECK ((status = 'RESOLVED') = (resolution IS NOT NULL AND resolved_at IS NOT NULL)),
        CHECK (satisfaction IS NULL OR status = 'RESOLVED'),
        CHECK ((satisfaction IS NULL) = (rated_by IS NULL))
      );
      CREATE INDEX complaints_tenant_created ON complaints (tenant_id, created_at, id);
      CREATE INDEX complaints_parent ON complaints (parent_tenant_id, created_at, id);
      CREATE INDEX complaints_raised_by ON complaints (raised_by);
      CREATE INDEX complaints_rated_by ON complaints (rated_by);

      CREATE TABLE complaint_events (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        complaint_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('EVIDENCE','TRANSITION')),
        from_status text,
        to_status text,
        note text NOT NULL CHECK (length(btrim(note)) > 0),
        by_tenant_id uuid NOT NULL REFERENCES tenants (id),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (by_tenant_id IN (tenant_id, parent_tenant_id)),
        CHECK ((kind = 'TRANSITION') = (to_status IS NOT NULL))
      );
      CREATE INDEX complaint_events_complaint ON complaint_events (tenant_id, complaint_id, created_at);
      CREATE INDEX complaint_events_parent ON complaint_events (parent_tenant_id);
      CREATE INDEX complaint_events_created_by ON complaint_events (created_by);
    `);
  }

  private async createAffiliateTables(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Seed 000: an affiliated company's service standards, reviewed by its national centre.
      -- chain_tenant_ids: its ancestors, to whom an approved standard is published.
      CREATE TABLE service_standards (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        chain_tenant_ids uuid[] NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        scope text NOT NULL,
        content text NOT NULL CHECK (length(btrim(content)) > 0),
        version int NOT NULL CHECK (version > 0),
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED','APPROVED','REJECTED','WITHDRAWN','SUPERSEDED')),
        published_at timestamptz,
        decided_at timestamptz,
        submitted_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, title, version),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK ((status IN ('APPROVED','SUPERSEDED')) = (published_at IS NOT NULL))
      );
      CREATE INDEX service_standards_tenant_created ON service_standards (tenant_id, created_at, id);
      CREATE INDEX service_standards_parent ON service_standards (parent_tenant_id);
      CREATE INDEX service_standards_chain ON service_standards USING gin (chain_tenant_ids) WHERE status = 'APPROVED';
      CREATE INDEX service_standards_submitted_by ON service_standards (submitted_by);

      -- Seed 000 §4: periodic business reports, read by the national centre and head office.
      CREATE TABLE business_reports (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        period_from date NOT NULL,
        period_until date NOT NULL,
        revenue_minor bigint NOT NULL CHECK (revenue_minor >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        projects int NOT NULL CHECK (projects >= 0),
        clients_served int NOT NULL CHECK (clients_served >= 0),
        issues text NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, period_from, period_until),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (period_until >= period_from)
      );
      CREATE INDEX business_reports_tenant_period ON business_reports (tenant_id, period_until, id);
      CREATE INDEX business_reports_parent ON business_reports (parent_tenant_id);
      CREATE INDEX business_reports_submitted_by ON business_reports (submitted_by);
    `);
  }

  private async createSettlementTables(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Seed 001: the national centre's finance department settles with a child centre or company.
      -- Line amounts are signed: positive, the national centre owes the counterparty; negative, the reverse.
      CREATE TABLE inter_centre_settlements (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        period_from date NOT NULL,
        period_until date NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        total_minor bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','REJECTED')),
        submitted_at timestamptz,
        decided_at timestamptz,
        acknowledged_by uuid REFERENCES users (id),
        acknowledged_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, period_from, period_until, currency),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id),
        CHECK (period_until >= period_from),
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
        CHECK (acknowledged_at IS NULL OR status = 'APPROVED')
      );
      CREATE INDEX inter_centre_settlements_tenant_created ON inter_centre_settlements (tenant_id, created_at, id);
      CREATE INDEX inter_centre_settlements_parent ON inter_centre_settlements (parent_tenant_id, created_at, id);
      CREATE INDEX inter_centre_settlements_created_by ON inter_centre_settlements (created_by);
      CREATE INDEX inter_centre_settlements_acknowledged_by ON inter_centre_settlements (acknowledged_by);

      CREATE TABLE settlement_line_items (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid NOT NULL,
        settlement_id uuid NOT NULL,
        description text NOT NULL CHECK (length(btrim(description)) > 0),
        amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, settlement_id) REFERENCES inter_centre_settlements (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_tenant_id) REFERENCES tenants (id, parent_id)
      );
      CREATE INDEX settlement_line_items_settlement ON settlement_line_items (tenant_id, settlement_id, created_at);
      CREATE INDEX settlement_line_items_parent ON settlement_line_items (parent_tenant_id);
      CREATE INDEX settlement_line_items_created_by ON settlement_line_items (created_by);
    `);
  }

  private async isolate(db: QueryRunner): Promise<void> {
    // [table, the parent writes it, the provider inserts it, columns the provider may change, columns the parent may change]
    const tables: [string, boolean, boolean, string[] | null, string[] | null][] = [
      ["partner_profiles", true, false, [], ["admitted_at", "last_reviewed_at", "next_review_due", "status_reason"]],
      ["partner_qualifications", true, true, ["status", "decided_at"], ["status", "decided_at"]],
      ["partner_contracts", true, false, ["status", "current_version"], null],
      ["partner_contract_versions", true, false, ["partner_consented_by", "partner_consented_at", "declined_at"], null],
      ["fee_settlements", true, true, ["status", "decided_at"], ["status", "reviewed_at", "approved_at", "decided_at", "payment_reference", "paid_at", "paid_by"]],
      ["assessment_schemes", false, true, null, null],
      ["provider_assessments", true, false, [], null],
      ["complaints", true, true, ["satisfaction", "rated_by"], ["status", "resolution", "resolved_at", "satisfaction", "rated_by"]],
      ["complaint_events", true, true, [], []],
      ["service_standards", true, true, ["status", "decided_at"], ["status", "published_at", "decided_at"]],
      ["business_reports", false, true, null, null],
      ["inter_centre_settlements", true, false, ["acknowledged_by", "acknowledged_at"], null],
      ["settlement_line_items", true, false, [], null],
    ];
    for (const [table, parentWrites, ownInserts, ownColumns, parentColumns] of tables) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`SELECT app.audit_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
      if (table !== "assessment_schemes") await db.query(`SELECT app.parent_tenant_table('${table}', $1, $2)`, [parentWrites, ownInserts]);
      if (ownColumns) await db.query(`SELECT app.guard_columns('${table}', 'OWN', $1)`, [ownColumns]);
      if (parentColumns) await db.query(`SELECT app.guard_columns('${table}', 'PARENT', $1)`, [parentColumns]);
    }
    // An approved standard is published to the company's whole centre chain; a centre without
    // its own assessment scheme uses its nearest ancestor's.
    await db.query(`
      CREATE POLICY ancestor_read ON assessment_schemes FOR SELECT USING (tenant_id = ANY ((SELECT app.profile_tenant_ids())::uuid[]));
      CREATE POLICY published_read ON service_standards FOR SELECT
        USING (status = 'APPROVED' AND (SELECT app.acting_tenant_id()) = ANY (chain_tenant_ids));
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE settlement_line_items, inter_centre_settlements, business_reports, service_standards, complaint_events,
        complaints, provider_assessments, assessment_schemes, fee_settlements, partner_contract_versions, partner_contracts,
        partner_qualifications, partner_profiles;
      DROP FUNCTION app.enrol_first_member(uuid, text, text, text), app.guard_columns(regclass, text, text[]), app.guard_update(),
        app.parent_tenant_table(regclass, boolean, boolean), app.acting_tenant_writes();
      DROP POLICY parent_read ON tenants;
      DROP POLICY parent_registers_partner ON tenants;
      DROP POLICY parent_update ON tenants;
      ALTER TABLE tenants DROP CONSTRAINT tenants_id_parent;
      REVOKE INSERT, UPDATE ON tenants FROM linkpass_app;
    `);
  }
}
