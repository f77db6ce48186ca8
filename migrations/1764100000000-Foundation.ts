import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Tenancy, identity and the first CRM table, with the isolation backstop:
 * requests run as `linkpass_app` (no tables, no BYPASSRLS) and every tenant table
 * forces row-level security against transaction-local settings set by app.enter_request.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = "Foundation1764100000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'linkpass_app') THEN
          CREATE ROLE linkpass_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'linkpass_auth') THEN
          CREATE ROLE linkpass_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
    `);
    // The pool's login role switches to linkpass_app with set_config('role', …, true),
    // and hands the identity functions to linkpass_auth.
    await db.query(`GRANT linkpass_app, linkpass_auth TO CURRENT_USER`);
    await db.query(`CREATE SCHEMA app`);
    await db.query(`GRANT USAGE ON SCHEMA app TO linkpass_app, linkpass_auth`);

    await this.createSettingReaders(db);
    await this.createTables(db);
    await this.createIsolationHelper(db);
    await this.isolateTables(db);
    await this.createEntryFunctions(db);
  }

  /**
   * Readers of the transaction-local settings; a missing setting reads as "nothing". Policies call
   * them as `(SELECT app.…())`, which PostgreSQL evaluates once per statement (an InitPlan) rather
   * than once per row.
   */
  private async createSettingReaders(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.current_user_id() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
      CREATE FUNCTION app.acting_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
      CREATE FUNCTION app.visible_tenant_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
        $$ SELECT coalesce(nullif(current_setting('app.visible_tenant_ids', true), ''), '{}')::uuid[] $$;
      CREATE FUNCTION app.writable_tenant_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
        $$ SELECT coalesce(nullif(current_setting('app.writable_tenant_ids', true), ''), '{}')::uuid[] $$;
      CREATE FUNCTION app.profile_tenant_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
        $$ SELECT coalesce(nullif(current_setting('app.profile_tenant_ids', true), ''), '{}')::uuid[] $$;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO linkpass_app, linkpass_auth;
    `);
  }

  private async createTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('HEAD_OFFICE','NATIONAL_CENTRE','CITY_CENTRE','AFFILIATED_COMPANY','PARTNER')),
        parent_id uuid REFERENCES tenants (id),
        path text NOT NULL UNIQUE,
        depth int NOT NULL,
        registration_number text,
        legal_representative text,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('APPLIED','ACTIVE','SUSPENDED','TERMINATED')),
        provider_grade smallint CHECK (provider_grade BETWEEN 1 AND 4),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'HEAD_OFFICE') = (parent_id IS NULL)),
        CHECK (provider_grade IS NULL OR kind IN ('AFFILIATED_COMPANY','PARTNER'))
      );
      CREATE UNIQUE INDEX tenants_single_head_office ON tenants ((true)) WHERE kind = 'HEAD_OFFICE';
      CREATE INDEX tenants_parent_id ON tenants (parent_id);
      CREATE INDEX tenants_path_prefix ON tenants (path text_pattern_ops);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email ON users (email);

      CREATE TABLE memberships (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('PRESIDENT','DEPUTY','DEPARTMENT_HEAD','STAFF','CONSULTANT','AUDITOR')),
        department text NOT NULL CHECK (department IN ('MANAGEMENT','MEDIA','FINANCE','TECHNOLOGY','TRAINING','OPERATIONS')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, user_id)
      );
      CREATE INDEX memberships_user_id ON memberships (user_id);

      CREATE TABLE clients (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        industry text,
        company_size text CHECK (company_size IN ('MICRO','SMALL','MEDIUM','LARGE')),
        contact_name text,
        contact_phone text,
        contact_email text,
        address text,
        needs text,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX clients_tenant_created ON clients (tenant_id, created_at, id);
      CREATE INDEX clients_id ON clients (id);
      CREATE INDEX clients_created_by ON clients (created_by);
    `);
  }

  /**
   * One definition of a tenant table's policies, so every later migration isolates its
   * tables the same way: read the visible set, write only the writable set.
   */
  private async createIsolationHelper(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.isolate_tenant_table(target regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY tenant_read ON %s FOR SELECT USING (tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]))', target);
        EXECUTE format('CREATE POLICY tenant_insert ON %s FOR INSERT WITH CHECK (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]))', target);
        EXECUTE format('CREATE POLICY tenant_update ON %s FOR UPDATE USING (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[])) WITH CHECK (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]))', target);
        EXECUTE format('CREATE POLICY tenant_delete ON %s FOR DELETE USING (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]))', target);
      END $$;
    `);
  }

  private async isolateTables(db: QueryRunner): Promise<void> {
    await db.query(`
      SELECT app.isolate_tenant_table('clients');
      GRANT SELECT, INSERT, UPDATE, DELETE ON clients TO linkpass_app;

      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
      -- Rows of the visible set, plus the public profile of the caller's ancestors and own memberships' tenants.
      CREATE POLICY tenant_read ON tenants FOR SELECT
        USING (id = ANY ((SELECT app.visible_tenant_ids())::uuid[]) OR id = ANY ((SELECT app.profile_tenant_ids())::uuid[]));
      GRANT SELECT ON tenants TO linkpass_app;

      ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
      ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_read ON memberships FOR SELECT
        USING (tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]) OR user_id = (SELECT app.current_user_id()));
      GRANT SELECT ON memberships TO linkpass_app;

      ALTER TABLE users ENABLE ROW LEVEL SECURITY;
      ALTER TABLE users FORCE ROW LEVEL SECURITY;
      CREATE POLICY member_read ON users FOR SELECT USING (
        id = (SELECT app.current_user_id())
        OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]))
      );
      GRANT SELECT (id, email, display_name, created_at) ON users TO linkpass_app;

      -- The identity lookups below run as linkpass_auth, which reads identity rows and nothing else.
      GRANT SELECT ON tenants, users, memberships TO linkpass_auth;
      CREATE POLICY identity_lookup ON tenants FOR SELECT TO linkpass_auth USING (true);
      CREATE POLICY identity_lookup ON users FOR SELECT TO linkpass_auth USING (true);
      CREATE POLICY identity_lookup ON memberships FOR SELECT TO linkpass_auth USING (true);
    `);
  }

  /**
   * app.enter_request is the one door into a tenant: it picks the acting membership
   * (the default one, or the tenant the caller names among their own), derives the
   * visible and writable tenant sets from the role (DESIGN §2) and stores them
   * transaction-locally. app.find_login serves login before any tenant is known.
   */
  private async createEntryFunctions(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.role_reads_subtree(role text, department text) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT role IN ('PRESIDENT','DEPUTY','AUDITOR')
            OR (role = 'DEPARTMENT_HEAD' AND department IN ('FINANCE','MANAGEMENT'))
      $$;

      CREATE FUNCTION app.enter_request(p_user_id uuid, p_tenant text)
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
        SELECT m.id, m.tenant_id, t.kind, m.role, m.department, t.path INTO acting
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
        writable := CASE WHEN acting.role = 'AUDITOR' THEN '{}'::uuid[] ELSE ARRAY[acting.tenant_id] END;
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

      CREATE FUNCTION app.find_login(p_email text)
      RETURNS TABLE (user_id uuid, email text, display_name text, password_hash text, tenant_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT u.id, u.email, u.display_name, u.password_hash, m.tenant_id
          FROM users u
          JOIN memberships m ON m.user_id = u.id AND m.active
          JOIN tenants t ON t.id = m.tenant_id AND t.status <> 'TERMINATED'
         WHERE u.email = lower(btrim(p_email))
         ORDER BY t.depth, m.created_at, m.id
         LIMIT 1
      $$;

      ALTER FUNCTION app.enter_request(uuid, text) OWNER TO linkpass_auth;
      ALTER FUNCTION app.find_login(text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_request(uuid, text), app.find_login(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_request(uuid, text), app.find_login(text) TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE clients, memberships, users, tenants;
      DROP SCHEMA app CASCADE;
    `);
  }
}
