import type { MemberSession } from "../../context/request-context";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { submitApprovalRequest } from "../approvals/approval.service";
import { approvalSubjectTypes } from "../approvals/approval-policies";
import { Tenant } from "../tenancy/tenant.entity";
import { EFFECTIVE_GRANT_STATUS_SQL, Grant, GrantStatus, StoredGrantStatus, effectiveGrantStatus } from "./grant.entity";
import { RequestGrantInput, GrantListArgs } from "./grant.inputs";
import { GRANT_SUBJECT } from "./grant.policy";
import { query, sql } from "../../db/rows/sql";

/**
 * The caller asks authority for themselves. No skip-level: the level asked is at most one above
 * what they hold now (their role's level, or a better active grant).
 */
export async function requestGrant(session: MemberSession, input: RequestGrantInput, slaWorkingDays: Record<number, number>): Promise<Grant> {
  const { db, acting, loaders } = session;
  if (input.validUntil <= input.validFrom) throw badUserInput("validUntil must be after validFrom", "validUntil");
  if (input.validUntil <= new Date()) throw badUserInput("validUntil is in the past", "validUntil");
  const known = approvalSubjectTypes();
  const unknown = input.subjectTypes?.filter((type) => !known.includes(type)) ?? [];
  if (unknown.length > 0) throw badUserInput(`Unknown subject types ${unknown.join(", ")}; known: ${known.join(", ")}`, "subjectTypes");
  const held = await heldAuthorityLevel(session);
  if (input.level < held - 1) {
    throw forbidden(`Authority is granted level by level: holding level ${held}, you may ask for level ${held - 1} at most`);
  }
  const tenant = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const grant = await insertReturning(db, Grant, {
    tenantId: acting.tenantId,
    parentTenantId: tenant.parentId,
    holderId: acting.userId,
    matter: input.matter.trim(),
    scope: input.scope.trim(),
    level: input.level,
    subjectTypes: [...new Set(input.subjectTypes ?? [])].sort(),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    storedStatus: StoredGrantStatus.PENDING,
  });
  await submitApprovalRequest(
    session,
    { subjectType: GRANT_SUBJECT, subjectId: grant.id, level: input.level, reason: input.reason?.trim() || input.matter },
    { parentTenantId: tenant.parentId, slaWorkingDays },
  );
  return grant;
}

/** The best (lowest) level the caller holds in the acting tenant: their role's or an active grant's. */
async function heldAuthorityLevel({ db, acting }: MemberSession): Promise<number> {
  const [{ best }] = await query(
    db,
    sql`SELECT min(level)::int AS best FROM grants
      WHERE tenant_id = ${acting.tenantId} AND holder_id = ${acting.userId} AND status = 'APPROVED' AND now() >= valid_from AND now() < valid_until`,
  );
  return Math.min(acting.authorityLevel ?? 5, best ?? 5);
}

/** The granting side ends an active or scheduled grant early, with a reason. */
export async function revokeGrant(session: MemberSession, id: string, reason: string): Promise<Grant> {
  const { db, acting, loaders } = session;
  if (!reason.trim()) throw badUserInput("A revocation needs a reason", "reason");
  const seen = await loaders.grants.grantById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Grant not found");
  if (seen.grantedByTenantId !== acting.tenantId || acting.authorityLevel === null || acting.authorityLevel > seen.level) {
    throw forbidden("Only the granting tenant, at the grant's authority level or higher, revokes a grant");
  }
  const grant = (await lockRow(db, Grant, seen))!;
  const status = effectiveGrantStatus(grant, new Date());
  if (status !== GrantStatus.ACTIVE && status !== GrantStatus.SCHEDULED) throw conflict(`The grant is ${status}`, { status });
  const [revoked] = await updateReturning(
    db,
    Grant,
    { storedStatus: StoredGrantStatus.REVOKED, revokedAt: () => "now()", revokedBy: acting.userId, revocationReason: reason.trim() },
    rowKey(grant),
  );
  return revoked;
}

/** Grants held in the visible tenants, and those the acting tenant granted to its children. */
export async function listGrants({ db, acting }: MemberSession, args: GrantListArgs): Promise<Page<Grant>> {
  const matching = () => {
    const query = db
      .getRepository(Grant)
      .createQueryBuilder("g")
      .where(...inVisibleTenantsOrChildren("g", acting));
    if (args.holderId) query.andWhere("g.holder_id = :holderId", { holderId: args.holderId });
    if (args.level) query.andWhere("g.level = :level", { level: args.level });
    if (args.status) query.andWhere(`${EFFECTIVE_GRANT_STATUS_SQL} = :status`, { status: args.status });
    return query;
  };
  return keysetPage(matching, byTimestamp("g", "created_at"), args);
}
