import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sessions end on demand: every token carries its user's session version, and the request's
 * entry statement compares it (app.session_is_current) in the same round trip as
 * app.enter_request. Signing out everywhere and resetting a password raise the version, so every
 * earlier token is refused from its next request. Password changes and resets go through definer
 * functions of linkpass_enrol, the role that already writes users; the runtime role never reads a hash.
 */
export class SessionsAndPasswords1765041700000 implements MigrationInterface {
  name = "SessionsAndPasswords1765041700000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN session_version int NOT NULL DEFAULT 1;

      -- Two primary-key lookups: the membership by its full key, then its user.
      CREATE FUNCTION app.session_is_current(p_tenant_id uuid, p_membership_id uuid, p_session_version int) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT EXISTS (
          SELECT 1 FROM public.memberships m JOIN public.users u ON u.id = m.user_id
           WHERE m.tenant_id = p_tenant_id AND m.id = p_membership_id AND u.session_version = p_session_version)
      $$;
      -- The version a login or an accepted invitation signs into the new token.
      CREATE FUNCTION app.session_version_of(p_user_id uuid) RETURNS int
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT u.session_version FROM public.users u WHERE u.id = p_user_id
      $$;
      ALTER FUNCTION app.session_is_current(uuid, uuid, int) OWNER TO linkpass_auth;
      ALTER FUNCTION app.session_version_of(uuid) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.session_is_current(uuid, uuid, int), app.session_version_of(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.session_is_current(uuid, uuid, int), app.session_version_of(uuid) TO linkpass_app;

      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX password_resets_user ON password_resets (user_id) WHERE used_at IS NULL;
      ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
      ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
      -- The runtime role sees no row (no policy is its own); only the functions below read and write them.
      GRANT SELECT (id) ON password_resets TO linkpass_app;
      GRANT SELECT, INSERT (user_id, token_hash, expires_at), UPDATE (used_at) ON password_resets TO linkpass_enrol;
      CREATE POLICY enrol_resets ON password_resets FOR ALL TO linkpass_enrol USING (true) WITH CHECK (true);
      GRANT UPDATE (password_hash, session_version) ON users TO linkpass_enrol;
      CREATE POLICY enrol_credentials ON users FOR UPDATE TO linkpass_enrol USING (true) WITH CHECK (true);

      -- The acting user's own password hash (app.current_user_id(), from the signed context), to check a change against.
      CREATE FUNCTION app.own_password_hash() RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT u.password_hash FROM public.users u WHERE u.id = app.current_user_id()
      $$;

      -- Sets the acting user's password hash; their sessions go on (signOutEverywhere ends them).
      CREATE FUNCTION app.set_own_password(p_password_hash text) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        UPDATE public.users SET password_hash = p_password_hash WHERE id = app.current_user_id()
      $$;

      -- Every token the acting user holds stops working at its next request.
      CREATE FUNCTION app.end_own_sessions() RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        UPDATE public.users SET session_version = session_version + 1 WHERE id = app.current_user_id()
      $$;

      /*
       * A reset token for the user of this e-mail, if there is one with an active membership, and
       * its message in the outbox; nothing otherwise. One statement either way, so the answer's
       * timing barely tells the two apart.
       */
      CREATE FUNCTION app.request_password_reset(p_email text, p_token_hash text, p_expires_at timestamptz, p_subject text, p_body text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        target uuid;
      BEGIN
        SELECT u.id INTO target FROM public.users u
         WHERE u.email = lower(btrim(p_email))
           AND EXISTS (SELECT 1 FROM public.memberships m JOIN public.tenants t ON t.id = m.tenant_id
                        WHERE m.user_id = u.id AND m.active AND t.status <> 'TERMINATED');
        IF target IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO public.password_resets (user_id, token_hash, expires_at) VALUES (target, p_token_hash, p_expires_at);
        INSERT INTO public.mail_outbox (recipient, subject, body) VALUES (lower(btrim(p_email)), p_subject, p_body);
      END $$;

      /*
       * Uses a reset token once: the new password hash, every earlier session ended, and the user's
       * other open reset tokens spent too. False: unknown, used or expired.
       */
      CREATE FUNCTION app.reset_password(p_token_hash text, p_password_hash text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        target uuid;
      BEGIN
        SELECT r.user_id INTO target FROM public.password_resets r
         WHERE r.token_hash = p_token_hash AND r.used_at IS NULL AND r.expires_at > now()
         FOR UPDATE;
        IF target IS NULL THEN
          RETURN false;
        END IF;
        UPDATE public.password_resets SET used_at = now() WHERE user_id = target AND used_at IS NULL;
        UPDATE public.users SET password_hash = p_password_hash, session_version = session_version + 1 WHERE id = target;
        RETURN true;
      END $$;

      ALTER FUNCTION app.own_password_hash() OWNER TO linkpass_enrol;
      ALTER FUNCTION app.set_own_password(text) OWNER TO linkpass_enrol;
      ALTER FUNCTION app.end_own_sessions() OWNER TO linkpass_enrol;
      ALTER FUNCTION app.request_password_reset(text, text, timestamptz, text, text) OWNER TO linkpass_enrol;
      ALTER FUNCTION app.reset_password(text, text) OWNER TO linkpass_enrol;
      REVOKE ALL ON FUNCTION app.own_password_hash(), app.set_own_password(text), app.end_own_sessions(),
        app.request_password_reset(text, text, timestamptz, text, text), app.reset_password(text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.own_password_hash(), app.set_own_password(text), app.end_own_sessions(),
        app.request_password_reset(text, text, timestamptz, text, text), app.reset_password(text, text) TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.reset_password(text, text), app.request_password_reset(text, text, timestamptz, text, text),
        app.end_own_sessions(), app.set_own_password(text), app.own_password_hash(),
        app.session_version_of(uuid), app.session_is_current(uuid, uuid, int);
      DROP POLICY enrol_credentials ON users;
      DROP TABLE password_resets;
      ALTER TABLE users DROP COLUMN session_version;
    `);
  }
}
