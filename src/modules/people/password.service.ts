import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { LoginThrottle, MemberSession } from "../../context/request-context";
import { badUserInput } from "../../shared/errors";
import { LANGUAGES, Language } from "../../shared/language";
import { hashPassword, passwordMatches } from "../identity/password";
import type { User } from "../identity/user.entity";
import { tokenLink } from "../mail/mail-outbox";
import { hashSecretToken, newSecretToken } from "./invitation-token";
import { assertAcceptablePassword } from "./password-policy";
import { passwordResetMail } from "./people-mail";
import { query, sql } from "../../db/rows/sql";

const RESET_TOKEN_LIFETIME_MS = 3_600_000;

/** The caller's own password, with the current one; their sessions go on (signOutEverywhere ends them). */
export async function changePassword(
  session: MemberSession,
  input: { currentPassword: string; newPassword: string },
  throttle: { loginThrottle: LoginThrottle; clientAddress: string },
): Promise<boolean> {
  const { db, acting, loaders } = session;
  const user = (await loaders.identity.userById.load(acting.userId)) as User;
  // Guessing the current password is a login attempt on the account.
  await throttle.loginThrottle.consumeOrThrow({ email: user.email, clientAddress: throttle.clientAddress });
  const [{ hash }] = await query<{ hash: string | null }>(db, sql`SELECT app.own_password_hash() AS hash`);
  if (!(await passwordMatches(hash ?? undefined, input.currentPassword))) throw badUserInput("currentPassword is not your password", "currentPassword");
  assertAcceptablePassword(input.newPassword, "newPassword");
  await query(db, sql`SELECT app.set_own_password(${await hashPassword(input.newPassword)})`);
  return true;
}

/** Every token issued to the caller so far is refused from its next request (the session version rises). */
export async function signOutEverywhere(session: MemberSession): Promise<boolean> {
  await query(session.db, sql`SELECT app.end_own_sessions()`);
  return true;
}

/**
 * Always true, with the same work either way: the token and the message in every language are made
 * for any address, and one statement stores them only where the address has an account with an
 * active membership, keeping the message in the language the caller asked for or else the
 * recipient's tenant's (migration PasswordResetInRecipientLanguage).
 */
export async function requestPasswordReset(
  db: EntityManager,
  input: { email: string; language: Language | undefined },
  settings: ModuleSettings,
): Promise<boolean> {
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + RESET_TOKEN_LIFETIME_MS);
  const link = tokenLink(settings.publicUrl, "reset-password", token);
  const mails = Object.fromEntries(
    LANGUAGES.map((language) => {
      const { subject, text } = passwordResetMail({ to: input.email.trim().toLowerCase(), link, expiresAt, language });
      return [language, { subject, text }];
    }),
  );
  await query(db, sql`SELECT app.request_password_reset(${input.email}, ${hash}, ${expiresAt}, ${JSON.stringify(mails)}::jsonb, ${input.language ?? null})`);
  return true;
}

/** Uses a reset token once: the new password, and every earlier session of the user ended. */
export async function resetPassword(db: EntityManager, input: { token: string; newPassword: string }): Promise<boolean> {
  assertAcceptablePassword(input.newPassword, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  const [{ reset }] = await query<{ reset: boolean }>(db, sql`SELECT app.reset_password(${hashSecretToken(input.token)}, ${passwordHash}) AS reset`);
  if (!reset) throw badUserInput("The reset link is invalid, already used or expired", "token");
  return true;
}
