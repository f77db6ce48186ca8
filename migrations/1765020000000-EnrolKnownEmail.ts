import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Registering a partner no longer tells the centre whether its administrator's email is known
 * elsewhere in the network: a new email becomes a new user, a known one the same user's new
 * membership (keeping its own password and name), and the caller gets the same answer either way.
 * Before, a known email was a unique violation (CONFLICT): a probe of every tenant's users.
 * Objects are schema-qualified and pg_temp comes last, so no temporary table can stand in for them.
 */
export class EnrolKnownEmail1765020000000 implements MigrationInterface {
  name = "EnrolKnownEmail1765020000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION app.enrol_first_member(p_tenant uuid, p_email text, p_display_name text, p_password_hash text)
      RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        acting uuid := app.acting_tenant_id();
        writable uuid[] := app.writable_tenant_ids();
        member uuid;
      BEGIN
        IF acting IS NULL OR NOT acting = ANY (coalesce(writable, '{}')) OR NOT EXISTS (
          SELECT 1 FROM public.tenants t WHERE t.id = p_tenant AND t.parent_id = acting AND t.kind = 'PARTNER' AND t.status = 'APPLIED'
        ) THEN
          RAISE EXCEPTION 'Only the registering centre enrols a partner''s first member' USING ERRCODE = '42501';
        END IF;
        IF EXISTS (SELECT 1 FROM public.memberships m WHERE m.tenant_id = p_tenant) THEN
          RAISE EXCEPTION 'The partner already has members' USING ERRCODE = '23505';
        END IF;
        INSERT INTO public.users (id, email, display_name, password_hash)
          VALUES (gen_random_uuid(), lower(btrim(p_email)), btrim(p_display_name), p_password_hash)
          ON CONFLICT (email) DO NOTHING
          RETURNING id INTO member;
        IF member IS NULL THEN
          SELECT u.id INTO STRICT member FROM public.users u WHERE u.email = lower(btrim(p_email));
        END IF;
        INSERT INTO public.memberships (tenant_id, user_id, role, department) VALUES (p_tenant, member, 'PRESIDENT', 'MANAGEMENT');
        RETURN member;
      END $$;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION app.enrol_first_member(p_tenant uuid, p_email text, p_display_name text, p_password_hash text)
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
    `);
  }
}
