import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { RequestTransactions } from "../../db/request-transaction";
import { identifier, query, sql } from "../../db/rows/sql";
import type { Logger } from "../../shared/logger";
import { DEFAULT_LANGUAGE } from "../../shared/language";
import { Recipient, RecordedEvent, SUBJECT_TABLES, candidateRecipients } from "./event-recipients";
import { notificationTitle } from "./notification-titles";
import type { LiveNotification, LiveTransport } from "./live-transport";

/** What the delivery work runs on: the owner's pool (across tenants) and request transactions (to read as a recipient). */
export interface EventDeliveryDeps {
  owner: DataSource;
  transactions: RequestTransactions;
  settings: ModuleSettings;
  jwtSecret: string;
  log: Logger;
  /** Where committed notifications are announced to the live subscriptions of every process. */
  live: Pick<LiveTransport, "publish">;
}

/** Events taken per transaction; the rest wait for the next round of the same run. */
const BATCH_SIZE = 50;

/**
 * Fans committed events out: a notification per recipient who may read the subject (and its
 * e-mail when they asked for this type), a delivery per webhook of the event's tenant that
 * subscribed to the type. SKIP LOCKED lets several processes dispatch at once; the unique keys
 * (event, user) and (webhook, event) make a repeated dispatch (a worker killed before its
 * commit) add nothing twice. Answers how many events were dispatched.
 */
export async function dispatchPendingEvents(deps: EventDeliveryDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const live: LiveNotification[] = [];
    const dispatched = await deps.owner.transaction(async (db) => {
      const events = await claimEvents(db);
      for (const event of events) live.push(...(await dispatchEvent(deps, db, event)));
      return events.length;
    });
    // After the commit: a subscriber re-reads the notification's subject, which must be there.
    // A lost announcement loses no notification (it stays in `notifications`), so it is logged only.
    await deps.live.publish(live).catch((error) => deps.log.warn({ err: error }, "live notifications not announced"));
    total += dispatched;
    if (dispatched < BATCH_SIZE) return total;
  }
}

async function claimEvents(db: EntityManager): Promise<RecordedEvent[]> {
  const rows = await query(
    db,
    sql`SELECT id, tenant_id, type, subject_type, subject_id, actor_id, data, occurred_at FROM events
         WHERE dispatched_at IS NULL ORDER BY occurred_at LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorId: row.actor_id,
    data: row.data,
    occurredAt: row.occurred_at,
  }));
}

/** Writes the event's notifications and deliveries; answers the notifications to announce once committed. */
async function dispatchEvent(deps: EventDeliveryDeps, db: EntityManager, event: RecordedEvent): Promise<LiveNotification[]> {
  const live: LiveNotification[] = [];
  const recipients: Recipient[] = [];
  for (const candidate of await candidateRecipients(db, event)) {
    if (await mayReadSubject(deps, db, candidate, event)) recipients.push(candidate);
  }
  for (const recipient of recipients) {
    const [row] = await query<{ id: string }>(
      db,
      sql`INSERT INTO notifications (tenant_id, user_id, event_id, type, title, subject_type, subject_id)
          VALUES (${recipient.tenantId}, ${recipient.userId}, ${event.id}, ${event.type}, ${notificationTitle(event.type, DEFAULT_LANGUAGE)}, ${event.subjectType}, ${event.subjectId})
          ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id`,
    );
    if (!row) continue;
    live.push({ notificationId: row.id, userId: recipient.userId, tenantId: recipient.tenantId, type: event.type, subjectType: event.subjectType, subjectId: event.subjectId });
    await query(
      db,
      sql`INSERT INTO notification_emails (notification_id, user_id)
          SELECT ${row.id}, p.user_id FROM notification_preferences p
           WHERE p.tenant_id = ${recipient.tenantId} AND p.user_id = ${recipient.userId} AND ${event.type} = ANY (p.email_event_types)`,
    );
  }
  await query(
    db,
    sql`INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, event_type)
        SELECT w.tenant_id, w.id, ${event.id}, ${event.type} FROM webhooks w
         WHERE w.tenant_id = ${event.tenantId} AND w.active AND ${event.type} = ANY (w.event_types)
        ON CONFLICT (webhook_id, event_id) DO NOTHING`,
  );
  await query(db, sql`UPDATE events SET dispatched_at = now() WHERE id = ${event.id}`);
  return live;
}

/**
 * Whether the recipient, acting through that membership, reads the subject: a fresh request
 * transaction with their tenant settings reads it under RLS, so the policies decide, as they do
 * for the recipient's own queries.
 */
export async function mayReadSubject(
  deps: Pick<EventDeliveryDeps, "transactions">,
  db: EntityManager,
  recipient: Recipient,
  subject: { subjectType: string; subjectId: string },
): Promise<boolean> {
  const table = SUBJECT_TABLES[subject.subjectType];
  if (!table) return false;
  const [user] = await query<{ session_version: number }>(db, sql`SELECT session_version FROM users WHERE id = ${recipient.userId}`);
  if (!user) return false;
  const { transaction, acting } = await deps.transactions.openAsMember({
    userId: recipient.userId,
    tenant: recipient.tenantId,
    sessionVersion: user.session_version,
    requestId: randomUUID(),
    operation: "job deliverEvents",
  });
  try {
    if (!acting || acting.tenantId !== recipient.tenantId) return false;
    const rows = await query(transaction.manager, sql`SELECT 1 FROM ${identifier(table)} WHERE id = ${subject.subjectId}`);
    return rows.length > 0;
  } finally {
    await transaction.finish("rollback");
  }
}
