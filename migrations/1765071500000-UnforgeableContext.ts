import { MigrationInterface, QueryRunner } from "typeorm";

/** The tables of a partner's records, which its centre reads only where the member's duty needs them (issue 15 item 11). */
const PARTNER_RECORD_TABLES = [
  "partner_profiles",
  "partner_qualifications",
  "partner_contracts",
  "partner_contract_versions",
  "fee_settlements",
  "provider_assessments",
  "complaints",
  "complaint_events",
];
/** Approval requests about a partner's records, decided by its centre. */
const PARTNER_APPROVAL_SUBJECTS = ["FEE_SETTLEMENT", "PARTNER_QUALIFICATION"];

/** Functions this migration rewrites; down() restores the definitions saved before. */
const REWRITTEN_FUNCTIONS = [
  "app.current_user_id()",
  "app.acting_tenant_id()",
  "app.visible_tenant_ids()",
  "app.writable_tenant_ids()",
  "app.profile_tenant_ids()",
  "app.record_audit()",
  "app.guard_update()",
  "app.guard_escalated_settlement()",
  "app.enrol_first_member(uuid,text,text,text)",
  "app.enter_request(uuid,text)",
];

/** Every SECURITY DEFINER function resolves names in these schemas, pg_temp last (never first, as when it is left out). */
const DEFINER_SEARCH_PATH = "pg_catalog, public, pg_temp";

/**
 * The tenant context becomes unforgeable by the runtime role.
 *
 * Before, policies and triggers trusted transaction-local settings that linkpass_app could set
 * itself (`set_config('app.visible_tenant_ids', …)`). Now every context setting carries an
 * HMAC-SHA256 under a key only linkpass_context reads, over the setting's name, its value, the
 * backend's pid and the transaction's start time: only app.establish_context (called by
 * app.enter_request) can write a setting that verifies, and a value copied into another
 * transaction, another backend or another setting's name no longer does. app.verified_setting
 * checks the MAC; every reader the policies and triggers use goes through it, and a setting that
 * fails the check reads as "nothing", like a missing one.
 *
 * The context also carries the acting membership, its role and department and the request id,
 * so the audit trail records only what enter_request established, and partner records are read
 * by the centre's members whose duty needs them.
 *
 * Every SECURITY DEFINER function pins its search_path with pg_temp last, so a temporary table
 * of the caller can no longer shadow the tables it reads; the runtime role loses TEMP as well.
 */
export class UnforgeableContext1765071500000 implements MigrationInterface {
  name = "UnforgeableContext1765071500000";

  public async up(db: QueryRunner): Promise<void> {
    await this.saveRewrittenDefinitions(db);
    await this.createContextKey(db);
    await this.createSignedSettings(db);
    await this.readSignedSettings(db);
    await this.enterThroughSignedSettings(db);
    await this.readVerifiedContextInTriggers(db);
    await this.narrowPartnerRecords(db, "app.partner_records_tenant_id()");
    await this.pinDefinerSearchPaths(db, DEFINER_SEARCH_PATH);
    await db.query(`DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$`);
  }

  private async saveRewrittenDefinitions(db: QueryRunner): Promise<void> {
    await db.query("CREATE TABLE app.replaced_function_definitions (signature text PRIMARY KEY, definition text NOT NULL)");
    await db.query(
      `INSERT INTO app.replaced_function_definitions
       SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.oid::regprocedure::text = ANY ($1)`,
      [REWRITTEN_FUNCTIONS],
    );
  }

  /**
   * One random key per database, kept as the two padded blocks of HMAC (RFC 2104): the key XOR
   * ipad and XOR opad, 64 bytes each. Only linkpass_context reads them; the runtime role is not it and is
   * granted no way to become it.
   */
  private async createContextKey(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linkpass_context') THEN
          CREATE ROLE linkpass_context NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT linkpass_context TO CURRENT_USER;
      GRANT USAGE ON SCHEMA app TO linkpass_context;

      CREATE TABLE app.context_key (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        inner_pad bytea NOT NULL CHECK (length(inner_pad) = 64),
        outer_pad bytea NOT NULL CHECK (length(outer_pad) = 64)
      );
      DO $$
      DECLARE
        block bytea := sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))
                       || decode(repeat('00', 32), 'hex');
        inner_pad bytea := block;
        outer_pad bytea := block;
      BEGIN
        FOR i IN 0..63 LOOP
          inner_pad := set_byte(inner_pad, i, get_byte(block, i) # 54);
          outer_pad := set_byte(outer_pad, i, get_byte(block, i) # 92);
        END LOOP;
        INSERT INTO app.context_key (inner_pad, outer_pad) VALUES (inner_pad, outer_pad);
      END $$;
      ALTER TABLE app.context_key OWNER TO linkpass_context;
      REVOKE ALL ON app.context_key FROM PUBLIC;
    `);
  }

  /**
   * Four signed settings: app.context (a text[] of user, membership, tenant, role, department and
   * request id) and the three tenant sets. Each is a pair, app.<name> holding the value and
   * app.<name>_mac its HMAC, whose message names the setting, the backend and the transaction
   * (pid and start time in microseconds, so no DateStyle or TimeZone enters it), then digests of
   * what the setting is bound to and of its value. The tenant sets are bound to the exact
   * app.context pair, so changing or erasing any part of who acts also takes away every tenant
   * set: no row can be written under an identity the audit trail would not record.
   */
  private async createSignedSettings(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.hmac_sha256(inner_pad bytea, outer_pad bytea, message text) RETURNS bytea
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT sha256(outer_pad || sha256(inner_pad || convert_to(message, 'UTF8'))) $$;

      CREATE FUNCTION app.context_message(name text, value text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT name || E'\\n' || pg_backend_pid() || E'\\n' || (extract(epoch FROM now()) * 1000000)::bigint || E'\\n'
            || CASE WHEN name = 'context' THEN ''
                    ELSE encode(sha256(convert_to(coalesce(current_setting('app.context', true), '') || E'\\n'
                                                  || coalesce(current_setting('app.context_mac', true), ''), 'UTF8')), 'hex') END
            || E'\\n' || encode(sha256(convert_to(value, 'UTF8')), 'hex')
      $$;

      -- The only writer of a context that verifies; enter_request's role calls it, the runtime role cannot.
      CREATE FUNCTION app.establish_context(
        p_user_id uuid, p_membership_id uuid, p_tenant_id uuid, p_role text, p_department text, p_request_id text,
        p_visible uuid[], p_writable uuid[], p_profile uuid[]
      ) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        key app.context_key;
        setting record;
      BEGIN
        SELECT * INTO STRICT key FROM app.context_key;
        -- In this order: the tenant sets' messages read the app.context pair just written.
        FOR setting IN SELECT * FROM (VALUES
            (1, 'context', ARRAY[p_user_id::text, p_membership_id::text, p_tenant_id::text, p_role, p_department, p_request_id]::text),
            (2, 'visible_tenant_ids', p_visible::text), (3, 'writable_tenant_ids', p_writable::text), (4, 'profile_tenant_ids', p_profile::text)
          ) f (position, name, value) ORDER BY position LOOP
          PERFORM set_config('app.' || setting.name, coalesce(setting.value, ''), true),
                  set_config('app.' || setting.name || '_mac',
                    CASE WHEN setting.value IS NULL THEN ''
                         ELSE encode(app.hmac_sha256(key.inner_pad, key.outer_pad, app.context_message(setting.name, setting.value)), 'hex') END,
                    true);
        END LOOP;
      END $$;
      ALTER FUNCTION app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[]) OWNER TO linkpass_context;
      REVOKE ALL ON FUNCTION app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[]) TO linkpass_auth;

      /*
       * The value of a signed setting when its MAC verifies for this transaction, else NULL. The
       * two MACs are compared through their digests, so the time a comparison takes says nothing
       * about how many leading characters of a guess were right.
       */
      CREATE FUNCTION app.verified_setting(name text) RETURNS text
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        value text := current_setting('app.' || name, true);
        mac text := current_setting('app.' || name || '_mac', true);
        key app.context_key;
      BEGIN
        IF value IS NULL OR value = '' OR mac IS NULL OR octet_length(mac) <> 64 THEN
          RETURN NULL;
        END IF;
        SELECT * INTO STRICT key FROM app.context_key;
        IF sha256(convert_to(mac, 'UTF8'))
           = sha256(convert_to(encode(app.hmac_sha256(key.inner_pad, key.outer_pad, app.context_message(name, value)), 'hex'), 'UTF8')) THEN
          RETURN value;
        END IF;
        RETURN NULL;
      END $$;
      ALTER FUNCTION app.verified_setting(text) OWNER TO linkpass_context;
    `);
  }

  /** The readers keep their names and signatures, so every existing policy reads the verified context. */
  private async readSignedSettings(db: QueryRunner): Promise<void> {
    const readers: [name: string, type: string, read: string][] = [
      ["acting_context", "text[]", "app.verified_setting('context')::text[]"],
      ["current_user_id", "uuid", "(app.acting_context())[1]::uuid"],
      ["acting_membership_id", "uuid", "(app.acting_context())[2]::uuid"],
      ["acting_tenant_id", "uuid", "(app.acting_context())[3]::uuid"],
      ["acting_role", "text", "(app.acting_context())[4]"],
      ["acting_department", "text", "(app.acting_context())[5]"],
      ["request_id", "text", "(app.acting_context())[6]"],
      ["visible_tenant_ids", "uuid[]", "coalesce(app.verified_setting('visible_tenant_ids'), '{}')::uuid[]"],
      ["writable_tenant_ids", "uuid[]", "coalesce(app.verified_setting('writable_tenant_ids'), '{}')::uuid[]"],
      ["profile_tenant_ids", "uuid[]", "coalesce(app.verified_setting('profile_tenant_ids'), '{}')::uuid[]"],
    ];
    for (const [name, type, read] of readers) {
      await db.query(`CREATE OR REPLACE FUNCTION app.${name}() RETURNS ${type} LANGUAGE sql STABLE AS $$ SELECT ${read} $$`);
    }
    await db.query(`
      /*
       * The acting tenant when the acting member's duty reads its partners' records (seed 003:
       * presidents, deputies, and the heads and staff of management and finance), else NULL.
       * One verification serves both facts.
       */
      CREATE FUNCTION app.partner_records_tenant_id() RETURNS uuid LANGUAGE plpgsql STABLE AS $$
      DECLARE
        acting text[] := app.acting_context();
      BEGIN
        IF acting[4] IN ('PRESIDENT', 'DEPUTY') OR (acting[4] IN ('DEPARTMENT_HEAD', 'STAFF') AND acting[5] IN ('MANAGEMENT', 'FINANCE')) THEN
          RETURN acting[3]::uuid;
        END IF;
        RETURN NULL;
      END $$;
    `);
  }

  /**
   * enter_request now also takes the request id and establishes the signed context. It runs as
   * the pool's login role, before the switch to linkpass_app, which may no longer call it: the
   * runtime role cannot enter as someone else.
   */
  private async enterThroughSignedSettings(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.enter_request(uuid, text);
      CREATE FUNCTION app.enter_request(p_user_id uuid, p_tenant text, p_request_id text DEFAULT NULL)
      RETURNS TABLE (
        membership_id uuid, tenant_id uuid, tenant_kind text, role text, department text,
        visible_tenant_ids uuid[], writable_tenant_ids uuid[]
      )
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        acting record;
        visible uuid[];
        writable uuid[];
        profile uuid[];
      BEGIN
        SELECT m.id, m.tenant_id, t.kind, t.status, m.role, m.department, t.path INTO acting
          FROM public.memberships m JOIN public.tenants t ON t.id = m.tenant_id
         WHERE m.user_id = p_user_id AND m.active AND t.status <> 'TERMINATED'
           AND (p_tenant IS NULL OR t.id::text = lower(p_tenant) OR t.code = upper(p_tenant))
         ORDER BY t.depth, m.created_at, m.id
         LIMIT 1;
        IF NOT FOUND THEN
          RETURN;
        END IF;

        IF app.role_reads_subtree(acting.role, acting.department) THEN
          SELECT array_agg(t.id ORDER BY t.path) INTO visible FROM public.tenants t WHERE t.path LIKE acting.path || '%';
        ELSE
          visible := ARRAY[acting.tenant_id];
        END IF;
        writable := CASE WHEN acting.role = 'AUDITOR' OR acting.status = 'SUSPENDED' THEN '{}'::uuid[] ELSE ARRAY[acting.tenant_id] END;
        SELECT array_agg(DISTINCT x) INTO profile FROM (
          SELECT unnest(string_to_array(trim(both '/' FROM acting.path), '/'))::uuid
          UNION SELECT m.tenant_id FROM public.memberships m WHERE m.user_id = p_user_id AND m.active
        ) ids (x);

        PERFORM app.establish_context(p_user_id, acting.id, acting.tenant_id, acting.role, acting.department, p_request_id,
                                      visible, writable, profile);

        RETURN QUERY SELECT acting.id, acting.tenant_id, acting.kind, acting.role, acting.department, visible, writable;
      END $$;
      ALTER FUNCTION app.enter_request(uuid, text, text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_request(uuid, text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_request(uuid, text, text) TO CURRENT_USER;
    `);
  }

  /** The triggers of earlier migrations, reading who acts from the verified context instead of raw settings. */
  private async readVerifiedContextInTriggers(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION app.record_audit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        acting text[];
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

        acting := app.acting_context();
        entry.seq := coalesce(last_entry.seq, 0) + 1;
        entry.at := clock_timestamp();
        entry.actor_user_id := acting[1]::uuid;
        entry.membership_id := acting[2]::uuid;
        entry.acting_tenant_id := acting[3]::uuid;
        -- The client's own operation name, for reading the trail; it grants nothing, so it is not signed.
        entry.operation := nullif(current_setting('app.operation', true), '');
        entry.request_id := acting[6];
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

      CREATE OR REPLACE FUNCTION app.guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        acting uuid := app.acting_tenant_id();
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

      CREATE OR REPLACE FUNCTION app.guard_escalated_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        acting uuid := app.acting_tenant_id();
        changed text;
      BEGIN
        IF acting IS NULL OR acting IN (OLD.tenant_id, OLD.parent_tenant_id) THEN
          RETURN NEW;
        END IF;
        SELECT min(key) INTO changed
          FROM jsonb_each(to_jsonb(NEW)) n
         WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key AND NOT n.key = ANY (ARRAY['status', 'submitted_at', 'decided_at']);
        IF changed IS NOT NULL THEN
          RAISE EXCEPTION 'An escalated decision may not change %.%', TG_TABLE_NAME, changed USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$;
    `);
  }

  /**
   * Partner records and their approval requests: the parent side acts through
   * app.partner_records_tenant_id() (the acting tenant, for a member whose duty reads them).
   * `parentTenant` is the expression the policies compare parent_tenant_id with (down() passes
   * back the old one).
   */
  private async narrowPartnerRecords(db: QueryRunner, parentTenant: string): Promise<void> {
    const parent = `parent_tenant_id = (SELECT ${parentTenant})`;
    const writes = "(SELECT app.acting_tenant_writes())";
    for (const table of PARTNER_RECORD_TABLES) {
      await db.query(`
        ALTER POLICY parent_read ON ${table} USING (${parent});
        ALTER POLICY parent_insert ON ${table} WITH CHECK (${parent} AND ${writes});
        ALTER POLICY parent_update ON ${table} USING (${parent} AND ${writes}) WITH CHECK (${parent} AND ${writes});
      `);
    }
    const subjects = PARTNER_APPROVAL_SUBJECTS.map((s) => `'${s}'`).join(", ");
    const request = `parent_tenant_id = (SELECT app.acting_tenant_id()) AND (subject_type NOT IN (${subjects}) OR ${parent})`;
    const decides = "(SELECT app.acting_tenant_id()) = ANY ((SELECT app.writable_tenant_ids())::uuid[])";
    await db.query(`
      ALTER POLICY parent_read ON approval_requests USING (${request});
      ALTER POLICY parent_update ON approval_requests USING (${request} AND ${decides}) WITH CHECK (${request} AND ${decides});
    `);
  }

  private async pinDefinerSearchPaths(db: QueryRunner, searchPath: string): Promise<void> {
    await db.query(`
      DO $$
      DECLARE
        definer regprocedure;
      BEGIN
        FOR definer IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE p.prosecdef AND n.nspname IN ('app', 'public') LOOP
          EXECUTE format('ALTER FUNCTION %s SET search_path = ${searchPath}', definer);
        END LOOP;
      END $$;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database()); END $$`);
    await this.narrowPartnerRecords(db, "app.acting_tenant_id()");
    await db.query(`
      DROP FUNCTION app.enter_request(uuid, text, text), app.partner_records_tenant_id(), app.acting_membership_id(),
        app.acting_role(), app.acting_department(), app.request_id();
    `);
    const definitions: { signature: string; definition: string }[] = await db.query(
      "SELECT signature, definition FROM app.replaced_function_definitions",
    );
    for (const { definition } of definitions) await db.query(definition);
    await db.query(`
      ALTER FUNCTION app.enter_request(uuid, text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_request(uuid, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_request(uuid, text) TO linkpass_app;
      DROP FUNCTION app.acting_context(), app.verified_setting(text), app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[]),
        app.context_message(text, text), app.hmac_sha256(bytea, bytea, text);
      DROP TABLE app.context_key, app.replaced_function_definitions;
    `);
    await this.pinDefinerSearchPaths(db, "pg_catalog, public");
  }
}
