import { MigrationInterface, QueryRunner } from "typeorm";

/** The rule's body, for the member whose tenant and membership `tenant` and `membership` name (each read once, as `(SELECT …)`). */
function authoritiesOf(tenant: string, membership: string): string {
  return `        WITH principals AS (
          SELECT 0 AS rank, m.id AS membership_id, m.user_id, app.authority_level(m.role) AS role_level, NULL::uuid AS delegation_id
            FROM memberships m
           WHERE m.tenant_id = (SELECT ${tenant}) AND m.id = (SELECT ${membership}) AND m.active
          UNION ALL
          SELECT 2, m.id, m.user_id, app.authority_level(m.role), d.id
            FROM approval_delegations d
            JOIN memberships m ON m.tenant_id = d.tenant_id AND m.id = d.delegator_membership_id AND m.active
           WHERE d.tenant_id = (SELECT ${tenant}) AND d.delegate_membership_id = (SELECT ${membership})
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
          JOIN grants g ON g.tenant_id = (SELECT ${tenant}) AND g.holder_id = p.user_id
         WHERE g.status = 'APPROVED' AND now() >= g.valid_from AND now() < g.valid_until`;
}

/**
 * Who is told that an approval step waits (`approval.step_waiting`, `approval.escalated`) must be
 * who may decide it: delegates and grant holders as well as the roles. The rule of who may decide
 * lived in `app.deciding_authorities()`, for the acting member only. It moves, unchanged, into
 * `app.deciding_authorities_of(tenant, membership)`, for any membership, and the old function
 * becomes that one called with the acting member's context, so the inbox, the decision and the
 * event recipients read one rule. The context arrives as plain arguments and is read as
 * `(SELECT p_…)`, so the inlined inbox query keeps evaluating the verified settings once, as before.
 * Still SECURITY INVOKER: a request reads grants, memberships and delegations under their policies;
 * the delivery job (the owner's pool) reads them all.
 */
export class DecidingAuthoritiesOfAnyMember1765282100000 implements MigrationInterface {
  name = "DecidingAuthoritiesOfAnyMember1765282100000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      /*
       * Every way the member of p_tenant_id holding membership p_membership_id may decide an
       * approval step now, best first (rank): their own role, their own active grants, then for
       * each active delegation to them the delegator's role and the delegator's active grants.
       * Only the delegator's own authority passes: what was delegated to the delegator never does,
       * so delegation does not chain. A delegator whose membership was deactivated passes nothing.
       */
      CREATE FUNCTION app.deciding_authorities_of(p_tenant_id uuid, p_membership_id uuid)
        RETURNS TABLE (rank int, level int, subject_types text[], grant_id uuid, grant_notice text,
                       delegation_id uuid, on_behalf_of_user_id uuid, on_behalf_of_membership_id uuid)
        LANGUAGE sql STABLE AS $$
${authoritiesOf("p_tenant_id", "p_membership_id")}
      $$;

      CREATE OR REPLACE FUNCTION app.deciding_authorities()
        RETURNS TABLE (rank int, level int, subject_types text[], grant_id uuid, grant_notice text,
                       delegation_id uuid, on_behalf_of_user_id uuid, on_behalf_of_membership_id uuid)
        LANGUAGE sql STABLE AS $$
        SELECT * FROM app.deciding_authorities_of(app.acting_tenant_id(), app.acting_membership_id())
      $$;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION app.deciding_authorities()
        RETURNS TABLE (rank int, level int, subject_types text[], grant_id uuid, grant_notice text,
                       delegation_id uuid, on_behalf_of_user_id uuid, on_behalf_of_membership_id uuid)
        LANGUAGE sql STABLE AS $$
${authoritiesOf("app.acting_tenant_id()", "app.acting_membership_id()")}
      $$;
      DROP FUNCTION app.deciding_authorities_of(uuid, uuid);
    `);
  }
}
