import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import { issueAccessToken } from "../../context/access-token";
import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { recordEvent } from "../events/event-outbox";
import { insertReturning, lockRow, updateReturning, rowKey } from "../../db/rows/entity-rows";
import { badUserInput, conflict, unauthenticated } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import type { AuthPayload } from "../identity/identity.types";
import { hashPassword, passwordMatches } from "../identity/password";
import { User } from "../identity/user.entity";
import { languageOfTag } from "../../shared/language";
import { enqueueMail, tokenLink } from "../mail/mail-outbox";
import type { Tenant } from "../tenancy/tenant.entity";
import { Invitation, InvitationStatus } from "./invitation.entity";
import { hashSecretToken, newSecretToken } from "./invitation-token";
import { assertMayAssignRole } from "./member-authority";
import { assertAcceptablePassword } from "./password-policy";
import { invitationMail } from "./people-mail";
import type { InviteMemberInput } from "./people.inputs";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

const HOUR_MS = 3_600_000;

/**
 * Invites into the acting tenant; the e-mail leaves after this request commits. An earlier
 * pending invitation to the same address is revoked, so only the newest link works.
 */
export async function inviteMember(session: MemberSession, input: InviteMemberInput, settings: ModuleSettings): Promise<Invitation> {
  assertMayAssignRole(session.acting, input.role);
  return sendInvitation(session, { ...input, tenantId: session.acting.tenantId }, settings);
}

/**
 * The invitation and its e-mail, into `tenantId`: the acting tenant, or a centre it has just
 * opened (its first president; the policies on invitations allow nothing else). The caller has
 * checked the authority to offer the role.
 */
export async function sendInvitation(session: MemberSession, input: InviteMemberInput & { tenantId: string }, settings: ModuleSettings): Promise<Invitation> {
  const { db, acting, loaders } = session;
  const email = input.email.trim().toLowerCase();
  const [member] = await query(
    db,
    sql`SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ${input.tenantId} AND u.email = ${email} AND m.active`,
  );
  if (member) throw conflict("This address is already an active member of the tenant", { email });
  await query(
    db,
    sql`UPDATE invitations SET status = 'REVOKED', closed_at = now() WHERE tenant_id = ${input.tenantId} AND email = ${email} AND status = 'PENDING'`,
  );
  const { token, hash } = newSecretToken();
  const invitation = await insertReturning(db, Invitation, {
    tenantId: input.tenantId,
    email,
    displayName: input.displayName.trim(),
    role: input.role,
    department: input.department,
    tokenHash: hash,
    storedStatus: InvitationStatus.PENDING,
    expiresAt: new Date(Date.now() + settings.invitationTtlHours * HOUR_MS),
    invitedBy: acting.userId,
  });
  const tenant = (await loaders.tenancy.tenantById.load(input.tenantId)) as Tenant;
  await enqueueMail(
    db,
    invitationMail({
      to: email,
      displayName: invitation.displayName,
      tenantName: tenant.name,
      link: tokenLink(settings.publicUrl, "accept-invitation", token),
      expiresAt: invitation.expiresAt,
      language: languageOfTag(tenant.locale),
      timeZone: tenant.timeZone,
    }),
  );
  await recordEvent(session, { type: "member.invited", tenantId: invitation.tenantId, subjectType: "Invitation", subjectId: invitation.id, data: { role: input.role } });
  return invitation;
}

/** Withdraws a pending invitation of the acting tenant; the same authority that could issue it. */
export async function revokeInvitation(session: MemberSession, id: string): Promise<Invitation> {
  const { db, acting } = session;
  const invitation = writableOrThrow(acting, await db.getRepository(Invitation).findOneBy({ id: parseIdOrThrow(id) }), "Invitation");
  assertMayAssignRole(acting, invitation.role);
  const locked = (await lockRow(db, Invitation, invitation)) as Invitation;
  if (locked.status !== InvitationStatus.PENDING) throw conflict(t("The invitation is {status}, not PENDING", { status: locked.status }), { status: locked.status });
  const [revoked] = await updateReturning(db, Invitation, { storedStatus: InvitationStatus.REVOKED, closedAt: () => "now()" }, rowKey(invitation));
  return revoked;
}

/** Invitations of the tenants the caller reads (RLS), newest last. */
export function listInvitations(session: MemberSession, args: PageArgs): Promise<Page<Invitation>> {
  const matching = () => session.db.getRepository(Invitation).createQueryBuilder("i");
  return keysetPage(matching, byTimestamp("i", "created_at"), args);
}

/**
 * Anonymous: the token from the e-mail makes the membership, for a new user with this password,
 * or for the existing user of that e-mail, whose own password it must then be. A used, revoked or
 * expired token, and a wrong password, change nothing.
 */
export async function acceptInvitation(db: EntityManager, input: { token: string; password: string }, jwtSecret: string): Promise<AuthPayload> {
  const tokenHash = hashSecretToken(input.token);
  const [found] = await query<{ email: string; display_name: string; existing_password_hash: string | null }>(
    db,
    sql`SELECT * FROM app.find_invitation(${tokenHash})`,
  );
  if (!found) throw badUserInput("The invitation is invalid, already used, revoked or expired", "token");
  if (found.existing_password_hash !== null) {
    if (!(await passwordMatches(found.existing_password_hash, input.password))) {
      throw unauthenticated("This e-mail already has an account: give that account's password");
    }
  } else {
    assertAcceptablePassword(input.password, "password");
  }
  const passwordHash = found.existing_password_hash ?? (await hashPassword(input.password));
  const [accepted] = await query<{ user_id: string; tenant_id: string }>(db, sql`SELECT * FROM app.accept_invitation(${tokenHash}, ${passwordHash})`);
  if (!accepted) throw badUserInput("The invitation is invalid, already used, revoked or expired", "token");
  const user = Object.assign(new User(), { id: accepted.user_id, email: found.email, displayName: found.display_name });
  // A statement of its own: within accept_invitation's statement a new user is not yet visible to another function.
  const [{ version }] = await query<{ version: number }>(db, sql`SELECT app.session_version_of(${accepted.user_id}) AS version`);
  const claims = { userId: accepted.user_id, tenantId: accepted.tenant_id, sessionVersion: version };
  return { token: await issueAccessToken(claims, jwtSecret), user };
}
