import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { query, sql } from "../../db/rows/sql";
import type { EventDeliveryDeps } from "./event-dispatch";
import { RefusedTarget, ResolvedTarget, resolveWebhookTargetOrThrow } from "./webhook-target";
import { openWebhookSecret, webhookSignature } from "./webhook-signing";

/** Seconds before the 2nd, 3rd, … attempt: exponential, over hours; after the last, the delivery has FAILED. */
export const RETRY_DELAYS_SECONDS = [60, 300, 1_800, 7_200, 21_600, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Deliveries that failed for good in a row before their webhook is disabled. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;
/** A claimed delivery is due again after this, should its worker die before recording the outcome. */
const LEASE_SECONDS = 600;
const BATCH_SIZE = 20;

interface DueDelivery {
  tenant_id: string;
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempts: number;
  url: string | null;
  secret_ciphertext: string | null;
  active: boolean | null;
  occurred_at: Date;
  event_tenant_id: string;
  data: Record<string, unknown>;
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * Attempts every delivery due at `now`. Each is claimed with a lease (SKIP LOCKED, committed at
 * once), so several processes never attempt the same one together and a worker killed
 * mid-attempt loses nothing: the delivery is due again when the lease ends. Receivers dedupe on
 * `x-linkpass-delivery`, the same on every attempt (at-least-once).
 */
export async function deliverDueWebhooks(deps: EventDeliveryDeps, now: Date = new Date()): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const due = await claimDue(deps, now);
    for (const delivery of due) {
      const outcome = await attempt(deps, delivery, now);
      await recordOutcome(deps, delivery, outcome, now);
      if (outcome.ok) delivered++;
      else failed++;
    }
    if (due.length < BATCH_SIZE) return { delivered, failed };
  }
}

async function claimDue(deps: EventDeliveryDeps, now: Date): Promise<DueDelivery[]> {
  return deps.owner.transaction((db) =>
    query<DueDelivery>(
      db,
      sql`WITH due AS (
            SELECT tenant_id, id FROM webhook_deliveries
             WHERE status = 'PENDING' AND next_attempt_at <= ${now}
             ORDER BY next_attempt_at LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED),
          claimed AS (
            UPDATE webhook_deliveries d SET next_attempt_at = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
              FROM due WHERE d.tenant_id = due.tenant_id AND d.id = due.id
            RETURNING d.tenant_id, d.id, d.webhook_id, d.event_id, d.event_type, d.attempts)
          SELECT c.*, w.url, w.secret_ciphertext, w.active, e.occurred_at, e.tenant_id AS event_tenant_id, e.data
            FROM claimed c
            JOIN events e ON e.id = c.event_id
            LEFT JOIN webhooks w ON w.tenant_id = c.tenant_id AND w.id = c.webhook_id`,
    ),
  );
}

/** The body of DESIGN §8.3; the signature covers these exact bytes. */
export function webhookBody(delivery: Pick<DueDelivery, "event_id" | "event_type" | "occurred_at" | "event_tenant_id" | "data">): string {
  return JSON.stringify({
    id: delivery.event_id,
    type: delivery.event_type,
    occurredAt: new Date(delivery.occurred_at).toISOString(),
    tenantId: delivery.event_tenant_id,
    data: delivery.data,
  });
}

async function attempt(deps: EventDeliveryDeps, delivery: DueDelivery, now: Date): Promise<AttemptOutcome> {
  if (!delivery.url || !delivery.secret_ciphertext || !delivery.active) return { ok: false, statusCode: null, error: "the webhook is disabled" };
  let target: ResolvedTarget;
  try {
    target = await resolveWebhookTargetOrThrow(delivery.url, deps.settings.webhookAllowedHosts);
  } catch (error) {
    return { ok: false, statusCode: null, error: error instanceof RefusedTarget ? error.message : `no address: ${(error as Error).message}` };
  }
  const body = webhookBody(delivery);
  const headers = {
    "content-type": "application/json",
    "user-agent": "LinkPass-Webhooks/1",
    "x-linkpass-event": delivery.event_type,
    "x-linkpass-delivery": delivery.id,
    "x-linkpass-signature": webhookSignature(openWebhookSecret(delivery.secret_ciphertext, deps.jwtSecret), body, now),
  };
  try {
    const statusCode = await post(target, headers, body, deps.settings.webhookTimeoutMs);
    // Redirects are not followed: a 3xx is a failed attempt like any other non-2xx answer.
    return { ok: statusCode >= 200 && statusCode < 300, statusCode, error: statusCode >= 200 && statusCode < 300 ? null : `answered ${statusCode}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: String((error as Error).message ?? error).slice(0, 300) };
  }
}

/** One POST to the checked address (the name is not looked up again), within the timeout. */
function post(target: ResolvedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      target.url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: (_hostname, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
          else callback(null, target.address, target.family);
        },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("close", () => clearTimeout(deadline));
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}

async function recordOutcome(deps: EventDeliveryDeps, delivery: DueDelivery, outcome: AttemptOutcome, now: Date): Promise<void> {
  const attempts = delivery.attempts + 1;
  await deps.owner.transaction(async (db) => {
    if (outcome.ok) {
      await query(
        db,
        sql`UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = ${attempts}, last_status_code = ${outcome.statusCode},
                   last_error = NULL, delivered_at = ${now}
             WHERE tenant_id = ${delivery.tenant_id} AND id = ${delivery.id}`,
      );
      await query(db, sql`UPDATE webhooks SET consecutive_failures = 0 WHERE tenant_id = ${delivery.tenant_id} AND id = ${delivery.webhook_id}`);
      return;
    }
    const gaveUp = attempts >= MAX_ATTEMPTS || !delivery.active;
    const retryAt = new Date(now.getTime() + RETRY_DELAYS_SECONDS[Math.min(attempts, MAX_ATTEMPTS - 1) - 1] * 1000);
    await query(
      db,
      sql`UPDATE webhook_deliveries SET status = ${gaveUp ? "FAILED" : "PENDING"}, attempts = ${attempts},
                 last_status_code = ${outcome.statusCode}, last_error = ${outcome.error}, next_attempt_at = ${gaveUp ? now : retryAt}
           WHERE tenant_id = ${delivery.tenant_id} AND id = ${delivery.id}`,
    );
    if (gaveUp && delivery.active) {
      await query(
        db,
        sql`UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
                   active = consecutive_failures + 1 < ${DISABLE_AFTER_FAILED_DELIVERIES}
             WHERE tenant_id = ${delivery.tenant_id} AND id = ${delivery.webhook_id}`,
      );
    }
  });
  if (!outcome.ok) deps.log.warn({ deliveryId: delivery.id, attempts, error: outcome.error }, "webhook delivery failed");
}
