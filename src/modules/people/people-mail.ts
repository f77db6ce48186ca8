import type { Language } from "../../shared/language";
import { localDateTimeText } from "../../shared/local-time";
import { Message, renderMessage, t } from "../../shared/messages";
import type { MailMessage } from "../mail/mail-outbox";

/**
 * A mail in the recipient's language; without one (until tenants carry a language), in English
 * and Simplified Chinese together, English first.
 */
function mailIn(language: Language | undefined, to: string, subject: Message, text: Message): MailMessage {
  const languages: Language[] = language ? [language] : ["en", "zh-CN"];
  return {
    to,
    subject: languages.map((each) => renderMessage(subject, each)).join(" / "),
    text: languages.map((each) => renderMessage(text, each)).join("\n\n"),
  };
}

/** An invitation; its expiry in the tenant's time zone when given (else as a UTC instant). */
export function invitationMail(input: { to: string; displayName: string; tenantName: string; link: string; expiresAt: Date; language?: Language; timeZone?: string }): MailMessage {
  const expires = input.timeZone ? localDateTimeText(input.expiresAt, input.timeZone) : input.expiresAt.toISOString();
  const values = { name: input.displayName, tenant: input.tenantName, link: input.link, expires };
  return mailIn(
    input.language,
    input.to,
    t("Invitation to join {tenant} on Link Pass", values),
    t(
      "Hello {name},\n\nYou are invited to join {tenant} on the Link Pass network. Open this link to accept and choose your password:\n{link}\nThe link works once and expires at {expires}.",
      values,
    ),
  );
}

/** Rendered whether or not the address has an account: only the database decides whether it is sent. */
export function passwordResetMail(input: { to: string; link: string; expiresAt: Date; language?: Language }): MailMessage {
  const values = { link: input.link, expires: input.expiresAt.toISOString() };
  return mailIn(
    input.language,
    input.to,
    t("Reset your Link Pass password"),
    t(
      "Someone asked to reset the password of this Link Pass account. Open this link to choose a new one:\n{link}\nThe link works once and expires at {expires}. Resetting signs you out everywhere. If it was not you, ignore this message.",
      values,
    ),
  );
}
