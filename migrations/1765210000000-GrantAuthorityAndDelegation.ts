import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Authority beyond the role (issue 16, seed 002). A grant names the approval subject types it
 * covers; an active one lets its holder decide steps of those types, of its level and below, in
 * its tenant. Grants approved before this column name none: their deciders approved a matter, not
 * a power to decide, so they keep counting as held authority (the level-by-level rule of
 * requestGrant) and decide nothing.
 * A member hands their own deciding to a colleague of the same tenant for a period
 * (`approval_delegations`). `app.deciding_authorities()` lists every way the acting member may
 * decide now; it runs as the caller (SECURITY INVOKER), so it reads grants, memberships and
 * delegations under their policies like any query. A step records the grant, or the delegation
 * and the person on whose behalf, it was decided under. A hand-over of a leaver's open work
 * leaves one row in `responsibility_transfers` with what it moved.
 */
export class GrantAuthorityAndDelegation1765210000000 implements MigrationInterface {
  name = "GrantAuthorityAndDelegation1765210000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE grants ADD COLUMN subject_types text[] NOT NULL DEFAULT '{}'
        CHECK (array_position(subject_types, NULL) IS NULL AND array_to_string(subject_types, ',') ~ '^([A-Z][A-Z_]*(,[A-Z][A-Z_]*)*)?$');

      CREATE TABLE approval_delegations (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        delegator_membership_id uuid NOT NULL,
        delegate_membership_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, delegator_membership_id) REFERENCES memberships (tenant_id, id),
        FOREIGN KEY (tenant_id, delegate_membership_id) REFERENCES memberships (tenant_id, id),
        CHECK (delegator_membership_id <> delegate_membership_id),
        CHECK (ends_at > starts_at)
      );
      CREATE INDEX approval_delegations_delegate ON approval_delegations (tenant_id, delegate_membership_id, ends_at);
      CREATE INDEX approval_delegations_delegator ON approval_delegations (tenant_id, delegator_membership_id, ends_at);
      CREATE INDEX approval_delegations_id ON approval_delegations (id);
      CREATE INDEX approval_delegations_revoked_by ON approval_delegations (revoked_by);
      CREATE INDEX approval_delegations_created_by ON approval_delegations (created_by);
      SELECT app.isolate_tenant_table('approval_delegations');
      SELECT app.audit_tenant_table('approval_delegations');
      GRANT SELECT, INSERT, UPDATE ON approval_delegations TO linkpass_app;

      ALTER TABLE approval_steps
        ADD COLUMN decided_under_grant_id uuid,
        ADD COLUMN decided_under_grant_notice text,
        ADD COLUMN delegation_id uuid,
        ADD COLUMN on_behalf_of_user_id uuid REFERENCES users (id),
        ADD COLUMN on_behalf_of_membership_id uuid,
        ADD CHECK ((delegation_id IS NULL) = (on_behalf_of_user_id IS NULL)),
        ADD CHECK ((decided_under_grant_id IS NULL) = (decided_under_grant_notice IS NULL));
      CREATE INDEX approval_steps_on_behalf_of_user_id ON approval_steps (on_behalf_of_user_id);

      CREATE TABLE responsibility_transfers (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        from_membership_id uuid NOT NULL,
        to_membership_id uuid NOT NULL,
        clients int NOT NULL CHECK (clients >= 0),
        cases int NOT NULL CHECK (cases >= 0),
        tasks int NOT NULL CHECK (tasks >= 0),
        transferred_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, from_membership_id) REFERENCES memberships (tenant_id, id),
        FOREIGN KEY (tenant_id, to_membership_id) REFERENCES memberships (tenant_id, id)
      );
      CREATE INDEX responsibility_transfers_from ON responsibility_transfers (tenant_id, from_membership_id);
      CREATE INDEX responsibility_transfers_to ON responsibility_transfers (tenant_id, to_membership_id);
      CREATE INDEX responsibility_transfers_transferred_by ON responsibility_transfers (transferred_by);
      SELECT app.isolate_tenant_table('responsibility_transfers');
      SELECT app.audit_tenant_table('responsibility_transfers');
      GRANT SELECT, INSERT ON responsibility_transfers TO linkpass_app;

      CREATE FUNCTION app.authority_level(role text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE role WHEN 'PRESIDENT' THEN 1 WHEN 'DEPUTY' THEN 2 WHEN 'DEPARTMENT_HEAD' THEN 3
                         WHEN 'STAFF' THEN 4 WHEN 'CONSULTANT' THEN 4 END
      $$;

      /*
       * Every way the acting member may decide an approval step now, best first (rank): their own
       * role, their own active grants, then for each active delegation to them the delegator's
       * role and the delegator's active grants. Only the delegator's own authority passes: what
       * was delegated to the delegator never does, so delegation does not chain. A delegator
       * whose membership was deactivated passes nothing.
       */
      CREATE FUNCTION app.deciding_authorities()
        RETURNS TABLE (rank int, level int, subject_types text[], grant_id uuid, grant_notice text,
                       delegation_id uuid, on_behalf_of_user_id uuid, on_behalf_of_membership_id uuid)
        LANGUAGE sql STABLE AS $$
        WITH principals AS (
          SELECT 0 AS rank, m.id AS membership_id, m.user_id, app.authority_level(m.role) AS role_level, NULL::uuid AS delegation_id
            FROM memberships m
           WHERE m.tenant_id = (SELECT app.acting_tenant_id()) AND m.id = (SELECT app.acting_membership_id()) AND m.active
          UNION ALL
          SELECT 2, m.id, m.user_id, app.authority_level(m.role), d.id
            FROM approval_delegations d
            JOIN memberships m ON m.tenant_id = d.tenant_id AND m.id = d.delegator_membership_id AND m.active
           WHERE d.tenant_id = (SELECT app.acting_tenant_id()) AND d.delegate_membership_id = (SELECT app.acting_membership_id())
             AND d.revoked_at IS NULL AND now() >= d.starts_at AND now() < d.ends_at
        )
        SELECT p.rank, p.role_level, NULL::text[], NULL::uuid, NULL::text, p.delegation_id,
               CASE WHEN p.delegation_id IS NOT NULL THEN p.user_id END,
               CASE WHEN p.delegation_id IS NOT NULL THEN p.membership_id END
          FROM principals p
         WHERE p.role_level IS NOT NULL
        UNION ALL
        SELECT p.rank + 1, g.level, g.subject_types, g.id, g.notice_number, p.delegation_id,
               CASE WHEN p.delegation_id IS NOT NULL THEN p.user_id END,
               CASE WHEN p.delegation_id IS NOT NULL THEN p.membership_id END
          FROM principals p
          JOIN grants g ON g.tenant_id = (SELECT app.acting_tenant_id()) AND g.holder_id = p.user_id
         WHERE g.status = 'APPROVED' AND now() >= g.valid_from AND now() < g.valid_until
      $$;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.deciding_authorities();
      DROP FUNCTION app.authority_level(text);
      DROP TABLE responsibility_transfers;
      ALTER TABLE approval_steps DROP COLUMN decided_under_grant_id, DROP COLUMN decided_under_grant_notice, DROP COLUMN delegation_id,
        DROP COLUMN on_behalf_of_user_id, DROP COLUMN on_behalf_of_membership_id;
      DROP TABLE approval_delegations;
      ALTER TABLE grants DROP COLUMN subject_types;
    `);
  }
}
