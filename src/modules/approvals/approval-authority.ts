import type { EntityManager } from "typeorm";
import { Sql, query, raw, sql, statementOf } from "../../db/rows/sql";

/**
 * One way the acting member may decide a step: their role, an active grant they hold, or, through
 * an active delegation to them, their delegator's role or grant (then on the delegator's behalf).
 */
export interface DecidingAuthority {
  level: number;
  /** The subject types a grant covers; null for a role, which covers every type. */
  subjectTypes: string[] | null;
  grantId: string | null;
  grantNotice: string | null;
  delegationId: string | null;
  onBehalfOfUserId: string | null;
  onBehalfOfMembershipId: string | null;
}

/**
 * Every authority of the acting member, best first: acting for oneself before acting for a
 * delegator, and a role before a grant. Computed by `app.deciding_authorities()` under RLS, the
 * same function the inbox query and the event recipients join, so they never disagree with the decision.
 */
export async function decidingAuthorities(db: EntityManager): Promise<DecidingAuthority[]> {
  const rows = await query<{
    level: number;
    subject_types: string[] | null;
    grant_id: string | null;
    grant_notice: string | null;
    delegation_id: string | null;
    on_behalf_of_user_id: string | null;
    on_behalf_of_membership_id: string | null;
  }>(db, sql`SELECT * FROM app.deciding_authorities() ORDER BY rank, level, grant_notice`);
  return rows.map((row) => ({
    level: row.level,
    subjectTypes: row.subject_types,
    grantId: row.grant_id,
    grantNotice: row.grant_notice,
    delegationId: row.delegation_id,
    onBehalfOfUserId: row.on_behalf_of_user_id,
    onBehalfOfMembershipId: row.on_behalf_of_membership_id,
  }));
}

/**
 * Whether one member, holding `authorities` (a set-returning call aliased `a`) and being `user`,
 * may decide step `s` of request `r`: the same rules as the decision, in SQL. Never their own
 * request (nor, for a delegate, the delegator's), never a request they or their delegator decided
 * a step of.
 */
function mayDecideStep(authorities: Sql, user: Sql): Sql {
  return sql`EXISTS (
  SELECT 1 FROM ${authorities} a
   WHERE a.level <= s.min_authority_level
     AND (a.subject_types IS NULL OR r.subject_type = ANY (a.subject_types))
     AND a.on_behalf_of_user_id IS DISTINCT FROM r.requester_id
     AND NOT EXISTS (
       SELECT 1 FROM approval_steps d
        WHERE d.tenant_id = r.tenant_id AND d.request_id = r.id
          AND (d.decided_by IN (${user}, a.on_behalf_of_user_id) OR d.on_behalf_of_user_id IN (${user}, a.on_behalf_of_user_id))))`;
}

/** The inbox's condition on request `r` and its current step `s`, for the acting member (`:user`). */
export const MAY_DECIDE_CURRENT_STEP_SQL = statementOf(mayDecideStep(raw("app.deciding_authorities()"), raw(":user"))).text;

/**
 * The same condition for membership `m` of the step's tenant, whoever it is: who is told that a
 * step waits (event-recipients.ts, on the owner's pool, which reads every member's grants and delegations).
 */
export const MEMBER_MAY_DECIDE_STEP: Sql = mayDecideStep(raw("app.deciding_authorities_of(m.tenant_id, m.id)"), raw("m.user_id"));
