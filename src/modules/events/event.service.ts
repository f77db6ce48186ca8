import type { MemberSession } from "../../context/request-context";
import { hydrate } from "../../db/rows/entity-rows";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, conflict, notFound } from "../../shared/errors";
import { t } from "../../shared/messages";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import { EVENT_TYPES } from "./event-outbox";
import { CreateWebhookInput, CreatedWebhook, Notification, NotificationPreferences, Webhook, WebhookDelivery } from "./event.entities";
import { RefusedTarget, resolveWebhookTargetOrThrow } from "./webhook-target";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-signing";

/** The caller's own notifications (RLS: their user in the acting tenant), newest first. */
export function listNotifications({ db, acting }: MemberSession, args: PageArgs & { unreadOnly?: boolean | null }): Promise<Page<Notification>> {
  const matching = () => {
    const q = db
      .getRepository(Notification)
      .createQueryBuilder("n")
      .where("n.tenant_id = :tenant AND n.user_id = :user", { tenant: acting.tenantId, user: acting.userId });
    if (args.unreadOnly) q.andWhere("n.read_at IS NULL");
    return q;
  };
  return keysetPage(matching, { ...byTimestamp("n", "created_at"), direction: "DESC" }, args);
}

/** One of the caller's own notifications; null when it is not theirs (RLS). */
export async function notificationById({ db }: MemberSession, id: string): Promise<Notification | null> {
  return db.getRepository(Notification).findOne({ where: { id } });
}

export async function countUnreadNotifications({ db, acting }: MemberSession): Promise<number> {
  const [row] = await query<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM notifications WHERE tenant_id = ${acting.tenantId} AND user_id = ${acting.userId} AND read_at IS NULL`,
  );
  return row.count;
}

/** Marks the caller's unread ones among `ids`; answers how many became read (others' ids are simply not found). */
export async function markNotificationsRead({ db, acting }: MemberSession, ids: readonly string[]): Promise<number> {
  if (ids.length > 500) throw badUserInput("At most 500 ids at once", "ids");
  const parsed = ids.map((id) => parseIdOrThrow(id, "ids"));
  const rows = await query(
    db,
    sql`UPDATE notifications SET read_at = now()
         WHERE tenant_id = ${acting.tenantId} AND user_id = ${acting.userId} AND id = ANY (${parsed}::uuid[]) AND read_at IS NULL
        RETURNING id`,
  );
  return rows.length;
}

function eventTypesOrThrow(types: readonly string[], field: string): string[] {
  const unknown = types.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) throw badUserInput(t("Unknown event types: {unknown} (known: {known})", { unknown: unknown.join(", "), known: EVENT_TYPES.join(", ") }), field);
  return [...new Set(types)];
}

export async function notificationPreferences({ db, acting }: MemberSession): Promise<NotificationPreferences> {
  const [row] = await query<{ email_event_types: string[] }>(
    db,
    sql`SELECT email_event_types FROM notification_preferences WHERE tenant_id = ${acting.tenantId} AND user_id = ${acting.userId}`,
  );
  return { emailEventTypes: row?.email_event_types ?? [] };
}

export async function setNotificationPreferences({ db, acting }: MemberSession, emailEventTypes: readonly string[]): Promise<NotificationPreferences> {
  const types = eventTypesOrThrow(emailEventTypes, "emailEventTypes");
  const [row] = await query<{ email_event_types: string[] }>(
    db,
    sql`INSERT INTO notification_preferences (tenant_id, user_id, email_event_types) VALUES (${acting.tenantId}, ${acting.userId}, ${types}::text[])
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET email_event_types = EXCLUDED.email_event_types, updated_at = now()
        RETURNING email_event_types`,
  );
  return { emailEventTypes: row.email_event_types };
}

const WEBHOOK_COLUMNS = sql`tenant_id, id, url, event_types, active, consecutive_failures, created_by, created_at`;

/** A webhook of the acting tenant; the secret is returned once and kept sealed (webhook-signing.ts). */
export async function createWebhook(
  session: MemberSession,
  input: CreateWebhookInput,
  deps: { jwtSecret: string; allowedHosts: readonly string[] },
): Promise<CreatedWebhook> {
  const { db, acting } = session;
  const eventTypes = eventTypesOrThrow(input.eventTypes, "eventTypes");
  try {
    await resolveWebhookTargetOrThrow(input.url, deps.allowedHosts);
  } catch (error) {
    throw badUserInput(error instanceof RefusedTarget ? error.message : "The URL's host does not resolve", "url");
  }
  const secret = newWebhookSecret();
  const [raw] = await query(
    db,
    sql`INSERT INTO webhooks (tenant_id, url, event_types, secret_ciphertext, created_by)
        VALUES (${acting.tenantId}, ${input.url}, ${eventTypes}::text[], ${sealWebhookSecret(secret, deps.jwtSecret)}, ${acting.userId})
        RETURNING ${WEBHOOK_COLUMNS}`,
  );
  return { webhook: hydrate(db, Webhook, raw), secret };
}

export async function listWebhooks({ db, acting }: MemberSession): Promise<Webhook[]> {
  const rows = await query(db, sql`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE tenant_id = ${acting.tenantId} ORDER BY created_at, id`);
  return rows.map((raw) => hydrate(db, Webhook, raw));
}

export async function deleteWebhook({ db, acting }: MemberSession, id: string): Promise<boolean> {
  const rows = await query(db, sql`DELETE FROM webhooks WHERE tenant_id = ${acting.tenantId} AND id = ${parseIdOrThrow(id)} RETURNING id`);
  if (rows.length === 0) throw notFound("Webhook not found");
  return true;
}

export async function listWebhookDeliveries({ db, acting }: MemberSession, webhookId: string, args: PageArgs): Promise<Page<WebhookDelivery>> {
  const id = parseIdOrThrow(webhookId, "webhookId");
  const [webhook] = await query(db, sql`SELECT 1 FROM webhooks WHERE tenant_id = ${acting.tenantId} AND id = ${id}`);
  if (!webhook) throw notFound("Webhook not found");
  const matching = () =>
    db
      .getRepository(WebhookDelivery)
      .createQueryBuilder("d")
      .where("d.tenant_id = :tenant AND d.webhook_id = :id", { tenant: acting.tenantId, id });
  return keysetPage(matching, { ...byTimestamp("d", "created_at"), direction: "DESC" }, args);
}

/** Sends a delivery again now, with the same delivery id; the webhook must still be active. */
export async function redeliverWebhook({ db, acting }: MemberSession, deliveryId: string): Promise<WebhookDelivery> {
  const id = parseIdOrThrow(deliveryId, "deliveryId");
  const [found] = await query<{ active: boolean }>(
    db,
    sql`SELECT w.active FROM webhook_deliveries d JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id
         WHERE d.tenant_id = ${acting.tenantId} AND d.id = ${id}`,
  );
  if (!found) throw notFound("Webhook delivery not found");
  if (!found.active) throw conflict("The webhook is disabled; create it again to receive deliveries");
  const [raw] = await query(
    db,
    sql`UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = now() WHERE tenant_id = ${acting.tenantId} AND id = ${id} RETURNING *`,
  );
  return hydrate(db, WebhookDelivery, raw);
}
