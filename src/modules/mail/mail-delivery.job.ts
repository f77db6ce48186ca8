import { createTransport } from "nodemailer";
import type { DataSource } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { Logger } from "../../shared/logger";
import type { ModuleJob } from "../../shared/module-descriptor";

/** Messages taken per run; the rest wait for the next. */
const BATCH_SIZE = 50;
/** A failed message waits attempts × this before its next attempt, up to an hour. */
const RETRY_STEP_SECONDS = 30;

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends what committed transactions put in the outbox. Runs as the migration role, like the other
 * jobs; SKIP LOCKED lets several processes deliver at once without sending a message twice. A sent
 * message keeps its envelope and loses its body (it may carry a token); a failed one is logged and
 * retried later, never dropped.
 */
export async function deliverPendingMail(dataSource: DataSource, settings: ModuleSettings, log: Logger): Promise<{ sent: number; failed: number }> {
  const sender = mailSender(settings, log);
  try {
    return await deliverBatch(dataSource, sender.send, log);
  } finally {
    sender.close();
  }
}

async function deliverBatch(dataSource: DataSource, send: Send, log: Logger): Promise<{ sent: number; failed: number }> {
  return dataSource.transaction(async (db) => {
    const rows: OutboxRow[] = await db.query(
      `SELECT id, recipient, subject, body, attempts FROM mail_outbox
        WHERE sent_at IS NULL AND next_attempt_at <= now()
        ORDER BY next_attempt_at, created_at LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
    );
    let sent = 0;
    for (const row of rows) {
      try {
        await send({ to: row.recipient, subject: row.subject, text: row.body });
        await db.query("UPDATE mail_outbox SET sent_at = now(), body = '', attempts = attempts + 1, last_error = NULL WHERE id = $1", [row.id]);
        sent += 1;
      } catch (error) {
        log.warn({ err: error, mailId: row.id, attempts: row.attempts + 1 }, "mail not sent; it will be retried");
        await db.query(
          `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + least(interval '1 hour', (attempts + 1) * interval '${RETRY_STEP_SECONDS} seconds')
            WHERE id = $1`,
          [row.id, String((error as Error).message ?? error).slice(0, 500)],
        );
      }
    }
    return { sent, failed: rows.length - sent };
  });
}

type Send = (message: { to: string; subject: string; text: string }) => Promise<unknown>;

/** SMTP when configured; otherwise (development) each message goes to the log. */
function mailSender(settings: ModuleSettings, log: Logger): { send: Send; close(): void } {
  if (!settings.smtpUrl) {
    return { send: async (message) => log.info({ mail: message }, "mail (no SMTP_URL: logged, not sent)"), close: () => undefined };
  }
  const transport = createTransport(settings.smtpUrl);
  return { send: (message) => transport.sendMail({ from: settings.mailFrom, ...message }), close: () => transport.close() };
}

export const mailDeliveryJob: ModuleJob = {
  name: "mail-delivery",
  intervalSeconds: (settings) => settings.mailDeliveryIntervalSeconds,
  async run({ dataSource, settings, log }) {
    const { sent, failed } = await deliverPendingMail(dataSource, settings, log);
    if (sent + failed > 0) log.info({ sent, failed }, "mail delivered");
  },
};
