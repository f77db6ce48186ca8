import { query, sql } from "../../db/rows/sql";
import { enqueueMail } from "../mail/mail-outbox";
import { DEFAULT_LANGUAGE, languageOfTag } from "../../shared/language";
import { renderMessage, t } from "../../shared/messages";
import type { EventDeliveryDeps } from "./event-dispatch";
import { notificationTitle } from "./notification-titles";

/**
 * Puts each recipient's waiting e-mail notifications into the mail outbox: one message for one
 * notification, one digest for several that arrived since the last run. SKIP LOCKED lets several
 * processes run it; the mail job then sends what this committed.
 */
export async function mailPendingNotifications(deps: Pick<EventDeliveryDeps, "owner" | "settings">): Promise<number> {
  return deps.owner.transaction(async (db) => {
    const pending = await query<{ notification_id: string; user_id: string; email: string; locale: string; type: string; subject_type: string; subject_id: string }>(
      db,
      sql`SELECT e.notification_id, e.user_id, u.email, t.locale, n.type, n.subject_type, n.subject_id
            FROM notification_emails e
            JOIN notifications n ON n.id = e.notification_id
            JOIN tenants t ON t.id = n.tenant_id
            JOIN users u ON u.id = e.user_id
           WHERE e.mailed_at IS NULL
           ORDER BY e.user_id, e.created_at
           FOR UPDATE OF e SKIP LOCKED`,
    );
    const byRecipient = new Map<string, typeof pending>();
    for (const row of pending) byRecipient.set(row.email, [...(byRecipient.get(row.email) ?? []), row]);
    for (const [email, rows] of byRecipient) await enqueueMail(db, { to: email, ...notificationMail(rows, deps.settings.publicUrl) });
    if (pending.length > 0) {
      await query(db, sql`UPDATE notification_emails SET mailed_at = now() WHERE notification_id = ANY (${pending.map((row) => row.notification_id)}::uuid[])`);
    }
    return byRecipient.size;
  });
}

/**
 * One recipient's waiting notifications as one mail, in the locale of the tenant the first was
 * made in (Tenant.locale is the default for mails to its members).
 */
function notificationMail(rows: { locale: string; type: string; subject_type: string; subject_id: string }[], publicUrl: string | null): { subject: string; text: string } {
  const language = languageOfTag(rows[0].locale) ?? DEFAULT_LANGUAGE;
  const lines = rows.map((row) => `- ${notificationTitle(row.type, language)} (${row.type}: ${row.subject_type} ${row.subject_id})`);
  const subject =
    rows.length === 1
      ? t("Link Pass: {title}", { title: notificationTitle(rows[0].type, language) })
      : t("Link Pass: {count, plural, one {# new notification} other {# new notifications}}", { count: rows.length });
  return {
    subject: renderMessage(subject, language),
    text: [...lines, ...(publicUrl ? ["", renderMessage(t("Open Link Pass to read them: {url}", { url: publicUrl }), language)] : [])].join("\n") + "\n",
  };
}
