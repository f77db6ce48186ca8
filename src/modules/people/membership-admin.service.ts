import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { Role } from "../../context/roles";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import { Membership } from "../identity/membership.entity";
import { holdsOpenWork, openWorkOf } from "./hand-over.service";
import { assertMayAssignRole } from "./member-authority";
import type { UpdateMembershipInput } from "./people.inputs";
import { query, sql } from "../../db/rows/sql";

/**
 * Memberships of the tenants the caller reads: the own tenant, and the subtree where the role reads
 * it. RLS also shows the caller their own memberships elsewhere (for `me`); those are not listed here.
 */
export function listMembers(session: MemberSession, args: PageArgs): Promise<Page<Membership>> {
  const matching = () =>
    session.db.getRepository(Membership).createQueryBuilder("m").where("m.tenant_id = ANY(:visible)", { visible: session.acting.visibleTenantIds });
  return keysetPage(matching, byTimestamp("m", "created_at"), args);
}

export async function updateMembership(session: MemberSession, id: string, input: UpdateMembershipInput): Promise<Membership> {
  const { db } = session;
  const { membership, presidentIds } = await lockedForChange(session, id);
  assertMayAssignRole(session.acting, input.role);
  if (input.role !== Role.PRESIDENT) assertAnotherPresident(membership, presidentIds);
  const [updated] = await updateReturning(db, Membership, { role: input.role, department: input.department }, rowKey(membership));
  return updated;
}

/**
 * Ends the membership: app.enter_request admits only active ones, so its tokens fail on their next
 * request. Refused while the member holds open work, which would be left without anyone to do it.
 */
export async function deactivateMembership(session: MemberSession, id: string, reason: string): Promise<Membership> {
  if (reason.trim() === "") throw badUserInput("reason must not be blank", "reason");
  if (reason.length > 1000) throw badUserInput("reason must be at most 1000 characters", "reason");
  const { membership, presidentIds } = await lockedForChange(session, id);
  assertAnotherPresident(membership, presidentIds);
  const openWork = await openWorkOf(session.db, membership);
  if (holdsOpenWork(openWork)) {
    throw conflict(
      `The member still holds open work (${openWork.clients} clients, ${openWork.cases} cases, ${openWork.tasks} tasks): hand it over first with transferResponsibilities`,
      { openWork },
    );
  }
  const [deactivated] = await updateReturning(
    session.db,
    Membership,
    { active: false, deactivatedAt: () => "now()", deactivationReason: reason.trim() },
    rowKey(membership),
  );
  return deactivated;
}

/**
 * An active membership of the acting tenant, locked, that the caller may change: not their own,
 * and not one holding an authority above theirs. The tenant's active presidents are locked first,
 * always in one order, so two requests removing the last two presidents cannot both pass (nor deadlock).
 */
async function lockedForChange(session: MemberSession, id: string): Promise<{ membership: Membership; presidentIds: string[] }> {
  const { db, acting } = session;
  const visible = writableOrThrow(acting, await db.getRepository(Membership).findOneBy({ id: parseIdOrThrow(id) }), "Membership");
  if (visible.userId === acting.userId) throw forbidden("Nobody changes or deactivates their own membership");
  const presidents = await query<{ id: string }>(
    db,
    sql`SELECT id FROM memberships WHERE tenant_id = ${visible.tenantId} AND role = 'PRESIDENT' AND active ORDER BY id FOR UPDATE`,
  );
  const membership = (await lockRow(db, Membership, visible)) as Membership;
  if (!membership.active) throw conflict("The membership is already deactivated", { status: membership.status });
  assertMayAssignRole(acting, membership.role);
  return { membership, presidentIds: presidents.map((president) => president.id) };
}

/** A president leaving the role, or the tenant, leaves another active president behind. */
function assertAnotherPresident(membership: Membership, presidentIds: readonly string[]): void {
  if (membership.role === Role.PRESIDENT && !presidentIds.some((id) => id !== membership.id)) {
    throw conflict("This is the tenant's last active president; make another member president first");
  }
}
