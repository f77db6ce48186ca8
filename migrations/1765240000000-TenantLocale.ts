import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each tenant's time zone (IANA), locale (BCP 47) and the country whose public holidays its
 * working calendar follows (DESIGN §8.4). Existing rows take them from the national centre on
 * their path (Malaysia's subtree Asia/Kuala_Lumpur, en, MY; China's and head office
 * Asia/Shanghai, zh-CN, CN); a new tenant inherits its parent's unless it is given its own.
 *
 * A tenant changes its own settings (president or deputy, checked by the API); the guard trigger
 * keeps that update to the three settings (any other change of its own row is skipped, as before
 * there was a policy for it), and keeps anyone else in a request (a parent) from changing them.
 *
 * tenant_settings_changes records each change of them, under the audit trail.
 *
 * working_calendar_days holds a tenant's own local days off and extra working days, over its
 * country's calendar. Approvals of a child are decided on its parent's calendar, so the rows are
 * readable by the tenant's descendants (their ancestors' profiles) as well as by its subtree.
 */
export class TenantLocale1765240000000 implements MigrationInterface {
  name = "TenantLocale1765240000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants ADD COLUMN time_zone text, ADD COLUMN locale text, ADD COLUMN country_code text;
      UPDATE tenants SET time_zone = 'Asia/Shanghai', locale = 'zh-CN', country_code = 'CN';
      UPDATE tenants t SET time_zone = 'Asia/Kuala_Lumpur', locale = 'en', country_code = 'MY'
        FROM tenants national WHERE national.depth = 1 AND national.code = 'MY' AND t.path LIKE national.path || '%';
      ALTER TABLE tenants
        ALTER COLUMN time_zone SET NOT NULL,
        ALTER COLUMN locale SET NOT NULL,
        ALTER COLUMN country_code SET NOT NULL,
        ADD CONSTRAINT tenants_locale CHECK (locale IN ('zh-CN', 'zh-TW', 'en')),
        ADD CONSTRAINT tenants_country_code CHECK (country_code ~ '^[A-Z]{2}$');

      -- Not NULL is checked after BEFORE triggers: an insert that names no setting gets its parent's.
      CREATE FUNCTION app.inherit_tenant_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent tenants;
      BEGIN
        SELECT * INTO parent FROM tenants WHERE id = NEW.parent_id;
        NEW.time_zone := coalesce(NEW.time_zone, parent.time_zone, 'UTC');
        NEW.locale := coalesce(NEW.locale, parent.locale, 'en');
        NEW.country_code := coalesce(NEW.country_code, parent.country_code, 'CN');
        RETURN NEW;
      END $$;
      CREATE TRIGGER inherit_settings BEFORE INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION app.inherit_tenant_settings();

      CREATE FUNCTION app.guard_tenant_settings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE acting uuid := app.acting_tenant_id();
      BEGIN
        IF acting IS NULL THEN RETURN NEW; END IF;
        -- On its own row only the settings change, or the row is left alone, as if no policy had matched it.
        -- Generated columns (search_key, migration NameSearch) are still NULL in a BEFORE trigger: not compared.
        IF NEW.id = acting AND ((to_jsonb(NEW) - ARRAY['time_zone', 'locale', 'country_code', 'search_key']) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['time_zone', 'locale', 'country_code', 'search_key'])
            OR (NEW.time_zone, NEW.locale, NEW.country_code) IS NOT DISTINCT FROM (OLD.time_zone, OLD.locale, OLD.country_code)) THEN
          RETURN NULL;
        END IF;
        IF NEW.id <> acting AND (NEW.time_zone, NEW.locale, NEW.country_code) IS DISTINCT FROM (OLD.time_zone, OLD.locale, OLD.country_code) THEN
          RAISE EXCEPTION 'a tenant''s settings are changed by the tenant itself' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER guard_settings BEFORE UPDATE ON tenants FOR EACH ROW EXECUTE FUNCTION app.guard_tenant_settings();

      CREATE POLICY own_settings ON tenants FOR UPDATE
        USING (id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()))
        WITH CHECK (id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes()));
      GRANT UPDATE (time_zone, locale, country_code) ON tenants TO linkpass_app;

      -- The tenants table has no audit trail of its own (its rows are the tenants): each settings change is a row here, which is.
      CREATE TABLE tenant_settings_changes (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        time_zone text NOT NULL,
        locale text NOT NULL,
        country_code text NOT NULL,
        changed_by uuid NOT NULL REFERENCES users (id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX tenant_settings_changes_changed_by ON tenant_settings_changes (changed_by);
      SELECT app.isolate_tenant_table('tenant_settings_changes');
      SELECT app.audit_tenant_table('tenant_settings_changes');
      GRANT SELECT, INSERT ON tenant_settings_changes TO linkpass_app;

      CREATE TABLE working_calendar_days (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        day date NOT NULL,
        working boolean NOT NULL,
        set_by uuid NOT NULL REFERENCES users (id),
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, day)
      );
      CREATE INDEX working_calendar_days_set_by ON working_calendar_days (set_by);
      SELECT app.isolate_tenant_table('working_calendar_days');
      CREATE POLICY ancestor_read ON working_calendar_days FOR SELECT USING (tenant_id = ANY ((SELECT app.profile_tenant_ids())::uuid[]));
      SELECT app.audit_tenant_table('working_calendar_days');
      GRANT SELECT, INSERT, UPDATE, DELETE ON working_calendar_days TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE working_calendar_days, tenant_settings_changes;
      REVOKE UPDATE (time_zone, locale, country_code) ON tenants FROM linkpass_app;
      DROP POLICY own_settings ON tenants;
      DROP TRIGGER guard_settings ON tenants;
      DROP TRIGGER inherit_settings ON tenants;
      DROP FUNCTION app.guard_tenant_settings(), app.inherit_tenant_settings();
      ALTER TABLE tenants DROP COLUMN time_zone, DROP COLUMN locale, DROP COLUMN country_code;
    `);
  }
}
