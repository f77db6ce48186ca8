import { query, sql } from "../../db/rows/sql";
import { enqueueMail } from "../mail/mail-outbox";
import type { EventDeliveryDeps } from "./event-dispatch";

/**
 * Puts each recipient's waiting e-mail notifications into the mail outbox: one message for one
 * notification, one digest for several that arrived since the last run. SKIP LOCKED lets several
 * processes run it; the mail job then sends what this committed.
 */
export async function mailPendingNotifications(deps: Pick<EventDeliveryDeps, "owner" | "settings">): Promise<number> {
  return deps.owner.transaction(async (db) => {
    const pending = await query<{ notification_id: string; user_id: string; email: string; title: string; type: string; subject_type: string; subject_id: string }>(
      db,
      sql`SELECT e.notification_id, e.user_id, u.email, n.title, n.type, n.subject_type, n.subject_id
            FROM notification_emails e
            JOIN notifications n ON n.id = e.notification_id
            JOIN users u ON u.id = e.user_id
           WHERE e.mailed_at IS NULL
           ORDER BY e.user_id, e.created_at
           FOR UPDATE OF e SKIP LOCKED`,
    );
    const byRecipient = new Map<string, typeof pending>();
    for (const row of pending) byRecipient.set(row.email, [...(byRecipient.get(row.email) ?? []), row]);
    for (const [email, rows] of byRecipient) {
      const lines = rows.map((row) => `- ${row.title} (${row.type}: ${row.subject_type} ${row.subject_id})`);
      await enqueueMail(db, {
        to: email,
        subject: rows.length === 1 ? `Link Pass: ${rows[0].title}` : `Link Pass: ${rows.length} new notifications`,
        text: `${lines.join("\n")}\n\nOpen Link Pass to read them: ${deps.settings.publicUrl}\n`,
      });
    }
    if (pending.length > 0) {
      await query(db, sql`UPDATE notification_emails SET mailed_at = now() WHERE notification_id = ANY (${pending.map((row) => row.notification_id)}::uuid[])`);
    }
    return byRecipient.size;
  });
}
