import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Members administer their tenant (invitations, role changes, deactivation) and mail leaves after
 * the commit that decided it: the outbox is written in the same transaction, a job delivers it.
 * Accepting an invitation happens before the invitee has any membership, so it runs through two
 * definer functions owned by linkpass_enrol, the role that already creates users and memberships.
 */
export class PeopleAndMail1765041600000 implements MigrationInterface {
  name = "PeopleAndMail1765041600000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL CHECK (recipient LIKE '%_@_%'),
        subject text NOT NULL,
        body text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
      -- Requests only add messages; the delivery job (the migration role, like the other jobs) reads and marks them.
      ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
      ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
      CREATE POLICY request_enqueue ON mail_outbox FOR INSERT TO linkpass_app, linkpass_enrol WITH CHECK (sent_at IS NULL AND attempts = 0);
      CREATE POLICY mail_delivery ON mail_outbox FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      -- No policy lets them read it: a count sees zero rows, and nobody reads another's mail.
      GRANT SELECT (id), INSERT (recipient, subject, body) ON mail_outbox TO linkpass_app, linkpass_enrol;

      CREATE TABLE invitations (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL CHECK (length(btrim(display_name)) > 0),
        role text NOT NULL CHECK (role IN ('PRESIDENT','DEPUTY','DEPARTMENT_HEAD','STAFF','CONSULTANT','AUDITOR')),
        department text NOT NULL CHECK (department IN ('MANAGEMENT','MEDIA','FINANCE','TECHNOLOGY','TRAINING','OPERATIONS')),
        token_hash text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','REVOKED')),
        expires_at timestamptz NOT NULL,
        invited_by uuid NOT NULL REFERENCES users (id),
        accepted_by uuid REFERENCES users (id),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX invitations_tenant_created ON invitations (tenant_id, created_at, id);
      CREATE INDEX invitations_tenant_email ON invitations (tenant_id, email) WHERE status = 'PENDING';
      SELECT app.isolate_tenant_table('invitations');
      SELECT app.audit_tenant_table('invitations');
      GRANT SELECT, INSERT, UPDATE ON invitations TO linkpass_app;

      ALTER TABLE memberships ADD COLUMN deactivated_at timestamptz, ADD COLUMN deactivation_reason text;
      CREATE POLICY tenant_update ON memberships FOR UPDATE
        USING (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]))
        WITH CHECK (tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]));
      GRANT UPDATE (role, department, active, deactivated_at, deactivation_reason) ON memberships TO linkpass_app;
      -- Changes to a membership are audited; the inserts (seeding, enrolment) stay as they were.
      CREATE TRIGGER audit_trail AFTER UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION app.record_audit();

      GRANT SELECT, UPDATE (status, accepted_by, closed_at) ON invitations TO linkpass_enrol;
      CREATE POLICY enrol_accept ON invitations FOR SELECT TO linkpass_enrol USING (true);
      CREATE POLICY enrol_close ON invitations FOR UPDATE TO linkpass_enrol USING (true) WITH CHECK (true);
      GRANT UPDATE (role, department, active, deactivated_at, deactivation_reason) ON memberships TO linkpass_enrol;
      CREATE POLICY enrol_rejoin ON memberships FOR UPDATE TO linkpass_enrol USING (true) WITH CHECK (true);

      -- The open invitation a token names, and the password hash of the user its email already is, if any.
      CREATE FUNCTION app.find_invitation(p_token_hash text)
      RETURNS TABLE (invitation_id uuid, tenant_id uuid, email text, display_name text, existing_password_hash text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT i.id, i.tenant_id, i.email, coalesce(u.display_name, i.display_name), u.password_hash
          FROM public.invitations i
          JOIN public.tenants t ON t.id = i.tenant_id AND t.status <> 'TERMINATED'
          LEFT JOIN public.users u ON u.email = i.email
         WHERE i.token_hash = p_token_hash AND i.status = 'PENDING' AND i.expires_at > now()
      $$;

      /*
       * Uses the invitation once: a new user with the given password hash, or the existing user's
       * (re)activated membership with the invited role and department. No row: used, revoked or expired.
       */
      CREATE FUNCTION app.accept_invitation(p_token_hash text, p_password_hash text)
      RETURNS TABLE (user_id uuid, tenant_id uuid)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        invitation record;
        member uuid;
      BEGIN
        SELECT i.* INTO invitation FROM public.invitations i
         WHERE i.token_hash = p_token_hash AND i.status = 'PENDING' AND i.expires_at > now()
         FOR UPDATE;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        INSERT INTO public.users (id, email, display_name, password_hash)
          VALUES (gen_random_uuid(), invitation.email, invitation.display_name, p_password_hash)
          ON CONFLICT (email) DO NOTHING
          RETURNING id INTO member;
        IF member IS NULL THEN
          SELECT u.id INTO STRICT member FROM public.users u WHERE u.email = invitation.email;
        END IF;
        INSERT INTO public.memberships (tenant_id, user_id, role, department)
          VALUES (invitation.tenant_id, member, invitation.role, invitation.department)
          ON CONFLICT ON CONSTRAINT memberships_tenant_id_user_id_key DO UPDATE
            SET role = EXCLUDED.role, department = EXCLUDED.department, active = true,
                deactivated_at = NULL, deactivation_reason = NULL;
        UPDATE public.invitations i SET status = 'ACCEPTED', accepted_by = member, closed_at = now()
         WHERE i.tenant_id = invitation.tenant_id AND i.id = invitation.id;
        RETURN QUERY SELECT member, invitation.tenant_id;
      END $$;

      ALTER FUNCTION app.find_invitation(text) OWNER TO linkpass_enrol;
      ALTER FUNCTION app.accept_invitation(text, text) OWNER TO linkpass_enrol;
      REVOKE ALL ON FUNCTION app.find_invitation(text), app.accept_invitation(text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.find_invitation(text), app.accept_invitation(text, text) TO linkpass_app;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.accept_invitation(text, text), app.find_invitation(text);
      DROP POLICY enrol_rejoin ON memberships;
      DROP POLICY tenant_update ON memberships;
      DROP TRIGGER audit_trail ON memberships;
      ALTER TABLE memberships DROP COLUMN deactivated_at, DROP COLUMN deactivation_reason;
      DROP TABLE invitations, mail_outbox;
    `);
  }
}
