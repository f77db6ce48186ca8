import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A reset mail in the language of the person it goes to. The request cannot know whose address it
 * is (that would tell an attacker which addresses have accounts), so it renders the mail in every
 * language and this function, which alone looks the address up, keeps one: the language the
 * request's Accept-Language named, else the locale of the tenant of the user's oldest active
 * membership, else English. Still one statement either way.
 */
export class PasswordResetInRecipientLanguage1765283000000 implements MigrationInterface {
  name = "PasswordResetInRecipientLanguage1765283000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.request_password_reset(text, text, timestamptz, text, text);

      CREATE FUNCTION app.request_password_reset(p_email text, p_token_hash text, p_expires_at timestamptz, p_mails jsonb, p_language text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        target uuid;
        target_locale text;
        mail jsonb;
      BEGIN
        SELECT u.id, t.locale INTO target, target_locale
          FROM public.users u
          JOIN public.memberships m ON m.user_id = u.id AND m.active
          JOIN public.tenants t ON t.id = m.tenant_id AND t.status <> 'TERMINATED'
         WHERE u.email = lower(btrim(p_email))
         ORDER BY m.created_at, m.id
         LIMIT 1;
        IF target IS NULL THEN
          RETURN;
        END IF;
        mail := coalesce(p_mails -> p_language, p_mails -> target_locale, p_mails -> 'en');
        IF mail IS NULL OR mail ->> 'subject' IS NULL OR mail ->> 'text' IS NULL THEN
          RAISE EXCEPTION 'request_password_reset: no mail for language % or locale %', p_language, target_locale;
        END IF;
        INSERT INTO public.password_resets (user_id, token_hash, expires_at) VALUES (target, p_token_hash, p_expires_at);
        INSERT INTO public.mail_outbox (recipient, subject, body) VALUES (lower(btrim(p_email)), mail ->> 'subject', mail ->> 'text');
      END $$;

      ALTER FUNCTION app.request_password_reset(text, text, timestamptz, jsonb, text) OWNER TO linkpass_enrol;
      REVOKE ALL ON FUNCTION app.request_password_reset(text, text, timestamptz, jsonb, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.request_password_reset(text, text, timestamptz, jsonb, text) TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.request_password_reset(text, text, timestamptz, jsonb, text);

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

      ALTER FUNCTION app.request_password_reset(text, text, timestamptz, text, text) OWNER TO linkpass_enrol;
      REVOKE ALL ON FUNCTION app.request_password_reset(text, text, timestamptz, text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.request_password_reset(text, text, timestamptz, text, text) TO linkpass_app;
    `);
  }
}
