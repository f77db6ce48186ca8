import type { EntityManager } from "typeorm";
import { query, sql } from "../../db/rows/sql";
import { DEVELOPMENT_PUBLIC_URL } from "./mail-settings";

/** One message to one person, as it is sent. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Adds the message to the outbox in the caller's transaction: it leaves only once that
 * transaction commits (a rolled-back change sends nothing), delivered by the mail job.
 */
export async function enqueueMail(db: EntityManager, message: MailMessage): Promise<void> {
  await query(db, sql`INSERT INTO mail_outbox (recipient, subject, body) VALUES (${message.to}, ${message.subject}, ${message.text})`);
}

/**
 * A link of a message: `<PUBLIC_URL>/<page>?token=<token>`, so the text always shows
 * `token=<token>` for a reader who pastes it by hand.
 */
export function tokenLink(publicUrl: string | null, page: string, token: string): string {
  return `${publicUrl ?? DEVELOPMENT_PUBLIC_URL}/${page}?token=${encodeURIComponent(token)}`;
}
