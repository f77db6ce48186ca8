import { MigrationInterface, QueryRunner } from "typeorm";

/** The role the request pool logs in as (src/db/database.ts REQUEST_ROLE names it too). */
const REQUEST_ROLE = "linkpass_request";
const DEFINER_SEARCH_PATH = "pg_catalog, public, pg_temp";
const OLD_ESTABLISH = "app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[])";
const NEW_ESTABLISH = "app.establish_context(uuid, uuid, uuid, text, text, text, uuid[], uuid[], uuid[], uuid)";

/** Functions this migration replaces; down() restores the definitions saved before. */
const REPLACED_FUNCTIONS = [
  "app.establish_context(uuid,uuid,uuid,text,text,text,uuid[],uuid[],uuid[])",
  "app.audit_hash(text,audit_log)",
  "app.record_audit()",
];

/** SQL for a role's authority level (seed 002; AUDITOR none), as src/context/roles.ts has it. */
const levelOf = (role: string) =>
  `CASE ${role} WHEN 'PRESIDENT' THEN 1 WHEN 'DEPUTY' THEN 2 WHEN 'DEPARTMENT_HEAD' THEN 3 WHEN 'STAFF' THEN 4 WHEN 'CONSULTANT' THEN 4 END`;

/**
 * API keys for partner systems (issue 16). A key is a row of its tenant holding only the SHA-256
 * of its secret (256 random bits, so a fast hash is enough). `app.enter_api_key` is the key's door
 * into the request, like `app.enter_request` is a member's, in the same single entry statement:
 * it finds the key by its hash, refuses it when revoked, expired, or when its creator's
 * membership is no longer active or no longer holds the key's authority, and establishes the
 * signed context as the creator's membership with the key's role and department, in the key's
 * tenant alone. The signed context gains a seventh element, the key's id, which the audit
 * trigger records in `audit_log.api_key_id`. Last use is written at most once a minute, and
 * never waits for a row another request holds.
 */
export class ApiKeys1765200000000 implements MigrationInterface {
  name = "ApiKeys1765200000000";

  public async up(db: QueryRunner): Promise<void> {
    // Kept under this migration's name, so down() restores them and the earlier migrations' down() never sees them.
    await db.query(
      `INSERT INTO app.replaced_function_definitions
       SELECT $1 || ':' || p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.oid::regprocedure::text = ANY ($2)`,
      [this.name, REPLACED_FUNCTIONS],
    );
    await this.createApiKeys(db);
    await this.signKeyIntoContext(db);
    await this.auditTheKey(db);
    await this.createKeyEntry(db);
  }

  private async createApiKeys(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        role text NOT NULL CHECK (role IN ('PRESIDENT','DEPUTY','DEPARTMENT_HEAD','STAFF','CONSULTANT','AUDITOR')),
        department text NOT NULL CHECK (department IN ('MANAGEMENT','MEDIA','FINANCE','TECHNOLOGY','TRAINING','OPERATIONS')),
        secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
        created_by uuid NOT NULL REFERENCES users (id),
        creator_membership_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, creator_membership_id) REFERENCES memberships (tenant_id, id),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX api_keys_tenant_created ON api_keys (tenant_id, created_at, id);
      CREATE INDEX api_keys_creator_membership ON api_keys (tenant_id, creator_membership_id);
      CREATE INDEX api_keys_created_by ON api_keys (created_by);
      CREATE INDEX api_keys_revoked_by ON api_keys (revoked_by);
      SELECT app.isolate_tenant_table('api_keys');
      GRANT SELECT, INSERT, UPDATE (revoked_at, revoked_by) ON api_keys TO linkpass_app;

      -- The key's door reads keys and records their last use, nothing else.
      GRANT SELECT, UPDATE (last_used_at) ON api_keys TO linkpass_auth;
      CREATE POLICY key_lookup ON api_keys FOR SELECT TO linkpass_auth USING (true);
      CREATE POLICY key_last_use ON api_keys FOR UPDATE TO linkpass_auth USING (true) WITH CHECK (true);
    `);
  }

  /**
   * establish_context takes the acting key's id as a last, optional argument; a member's context
   * stays the six elements it was, so every reader of positions 1–6 is unchanged.
   */
  private async signKeyIntoContext(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION ${OLD_ESTABLISH};
      CREATE FUNCTION app.establish_context(
        p_user_id uuid, p_membership_id uuid, p_tenant_id uuid, p_role text, p_department text, p_request_id text,
        p_visible uuid[], p_writable uuid[], p_profile uuid[], p_api_key_id uuid DEFAULT NULL
      ) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        key app.context_key;
        setting record;
        acting text[] := ARRAY[p_user_id::text, p_membership_id::text, p_tenant_id::text, p_role, p_department, p_request_id]
                         || CASE WHEN p_api_key_id IS NULL THEN '{}'::text[] ELSE ARRAY[p_api_key_id::text] END;
      BEGIN
        SELECT * INTO STRICT key FROM app.context_key;
        -- In this order: the tenant sets' messages read the app.context pair just written.
        FOR setting IN SELECT * FROM (VALUES
            (1, 'context', acting::text),
            (2, 'visible_tenant_ids', p_visible::text), (3, 'writable_tenant_ids', p_writable::text), (4, 'profile_tenant_ids', p_profile::text)
          ) f (position, name, value) ORDER BY position LOOP
          PERFORM set_config('app.' || setting.name, coalesce(setting.value, ''), true),
                  set_config('app.' || setting.name || '_mac',
                    CASE WHEN setting.value IS NULL THEN ''
                         ELSE encode(app.hmac_sha256(key.inner_pad, key.outer_pad, app.context_message(setting.name, setting.value)), 'hex') END,
                    true);
        END LOOP;
      END $$;
      ALTER FUNCTION ${NEW_ESTABLISH} OWNER TO linkpass_context;
      REVOKE ALL ON FUNCTION ${NEW_ESTABLISH} FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION ${NEW_ESTABLISH} TO linkpass_auth;

      CREATE FUNCTION app.acting_api_key_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT (app.acting_context())[7]::uuid $$;
    `);
  }

  /**
   * Every entry records the acting key beside its creator (actor and membership). The hash covers
   * the key only where there is one, so every earlier entry still verifies as it did.
   */
  private async auditTheKey(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_log ADD COLUMN api_key_id uuid;

      CREATE OR REPLACE FUNCTION app.audit_hash(prev_hash text, a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to((jsonb_build_array(
          prev_hash, a.tenant_id, a.seq, (extract(epoch FROM a.at) * 1000000)::bigint, a.actor_user_id,
          a.membership_id, a.acting_tenant_id, a.operation, a.request_id, a.action, a.target_type,
          a.target_id, a.before, a.after)
          || CASE WHEN a.api_key_id IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(a.api_key_id) END)::text, 'UTF8')), 'hex')
      $$;

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
        entry.api_key_id := acting[7]::uuid;
        entry.action := TG_OP;
        entry.target_type := TG_TABLE_NAME;
        entry.target_id := (coalesce(new_row, old_row) ->> 'id')::uuid;
        entry.prev_hash := last_entry.hash;
        entry.hash := app.audit_hash(entry.prev_hash, entry);

        INSERT INTO audit_log (tenant_id, seq, at, actor_user_id, membership_id, acting_tenant_id, operation, request_id,
                               api_key_id, action, target_type, target_id, before, after, prev_hash, hash)
        VALUES (entry.tenant_id, entry.seq, entry.at, entry.actor_user_id, entry.membership_id, entry.acting_tenant_id,
                entry.operation, entry.request_id, entry.api_key_id, entry.action, entry.target_type, entry.target_id,
                entry.before, entry.after, entry.prev_hash, entry.hash);
        RETURN NULL;
      END $$;

      -- Creation and revocation are audited; the minute-by-minute last use is not a change anyone made.
      CREATE TRIGGER audit_trail AFTER INSERT OR DELETE OR UPDATE OF name, role, department, expires_at, revoked_at, revoked_by
        ON api_keys FOR EACH ROW EXECUTE FUNCTION app.record_audit();
    `);
  }

  /**
   * The entry of a request sent with an API key. No row: unknown, revoked, expired, or its creator
   * can no longer vouch for it. `other_tenant`: x-tenant-id names a tenant other than the key's,
   * and no context is established. The visible set follows the key's role, as a member's does.
   */
  private async createKeyEntry(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION app.enter_api_key(p_secret_hash bytea, p_tenant text, p_request_id text DEFAULT NULL)
      RETURNS TABLE (
        api_key_id uuid, user_id uuid, membership_id uuid, tenant_id uuid, tenant_kind text, role text, department text,
        visible_tenant_ids uuid[], writable_tenant_ids uuid[], other_tenant boolean
      )
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${DEFINER_SEARCH_PATH} AS $$
      DECLARE
        acting record;
        visible uuid[];
        writable uuid[];
        profile uuid[];
      BEGIN
        SELECT k.id, k.tenant_id, k.role, k.department, k.created_by, k.creator_membership_id, k.last_used_at,
               t.kind, t.status, t.path, t.code INTO acting
          FROM public.api_keys k
          JOIN public.tenants t ON t.id = k.tenant_id
          JOIN public.memberships m ON m.tenant_id = k.tenant_id AND m.id = k.creator_membership_id
         WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL AND k.expires_at > now()
           AND m.active AND t.status <> 'TERMINATED'
           -- The creator's authority now, not when the key was made, is the key's ceiling.
           AND CASE WHEN k.role = 'AUDITOR' THEN m.role = 'PRESIDENT' ELSE ${levelOf("m.role")} <= ${levelOf("k.role")} END;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF p_tenant IS NOT NULL AND acting.tenant_id::text <> lower(p_tenant) AND acting.code <> upper(p_tenant) THEN
          RETURN QUERY SELECT acting.id, NULL::uuid, NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text,
                              NULL::uuid[], NULL::uuid[], true;
          RETURN;
        END IF;

        IF acting.last_used_at IS NULL OR acting.last_used_at < now() - interval '1 minute' THEN
          UPDATE public.api_keys k SET last_used_at = now()
           WHERE (k.tenant_id, k.id) IN (SELECT l.tenant_id, l.id FROM public.api_keys l
                                          WHERE l.tenant_id = acting.tenant_id AND l.id = acting.id FOR UPDATE SKIP LOCKED);
        END IF;

        IF app.role_reads_subtree(acting.role, acting.department) THEN
          SELECT array_agg(t.id ORDER BY t.path) INTO visible FROM public.tenants t WHERE t.path LIKE acting.path || '%';
        ELSE
          visible := ARRAY[acting.tenant_id];
        END IF;
        writable := CASE WHEN acting.role = 'AUDITOR' OR acting.status = 'SUSPENDED' THEN '{}'::uuid[] ELSE ARRAY[acting.tenant_id] END;
        profile := string_to_array(trim(both '/' FROM acting.path), '/')::uuid[];

        PERFORM app.establish_context(acting.created_by, acting.creator_membership_id, acting.tenant_id, acting.role, acting.department,
                                      p_request_id, visible, writable, profile, acting.id);

        RETURN QUERY SELECT acting.id, acting.created_by, acting.creator_membership_id, acting.tenant_id, acting.kind,
                            acting.role, acting.department, visible, writable, false;
      END $$;
      ALTER FUNCTION app.enter_api_key(bytea, text, text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_api_key(bytea, text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_api_key(bytea, text, text) TO ${REQUEST_ROLE};
      GRANT EXECUTE ON FUNCTION app.enter_api_key(bytea, text, text) TO CURRENT_USER;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.enter_api_key(bytea, text, text);
      DROP TRIGGER audit_trail ON api_keys;
      DROP TABLE api_keys;
      DROP FUNCTION app.acting_api_key_id(), ${NEW_ESTABLISH};
    `);
    const saved: { definition: string }[] = await db.query(
      "SELECT definition FROM app.replaced_function_definitions WHERE signature LIKE $1",
      [`${this.name}:%`],
    );
    for (const { definition } of saved) await db.query(definition);
    await db.query(`
      ALTER FUNCTION ${OLD_ESTABLISH} OWNER TO linkpass_context;
      REVOKE ALL ON FUNCTION ${OLD_ESTABLISH} FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION ${OLD_ESTABLISH} TO linkpass_auth;
      ALTER TABLE audit_log DROP COLUMN api_key_id;
    `);
    await db.query("DELETE FROM app.replaced_function_definitions WHERE signature LIKE $1", [`${this.name}:%`]);
  }
}
