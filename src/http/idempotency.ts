import { createHash } from "node:crypto";
import type { RequestContext } from "../context/request-context";
import { AppError, conflict } from "../shared/errors";

/** What a retry receives: the first attempt's answer. */
export interface StoredResponse {
  body: unknown;
}

/**
 * Idempotency-Key on a mutation: inside the request's own transaction, take a lock on
 * (tenant, user, key) and look for a stored answer. A retry that arrives while the first attempt
 * runs waits on that lock; it then finds the answer (the first attempt committed) or nothing (it
 * rolled back, having written nothing), so a mutation is applied once.
 */
export async function claimIdempotencyKey(context: RequestContext, key: string, body: unknown): Promise<StoredResponse | null> {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError("BAD_USER_INPUT", "Idempotency-Key must be 1–200 visible ASCII characters");
  const { db, acting } = await context.memberSession();
  const requestHash = createHash("sha256").update(JSON.stringify(body ?? null)).digest("hex");
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`idempotency:${acting.tenantId}:${acting.userId}:${key}`]);
  const [stored] = await db.query(
    "SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3",
    [acting.tenantId, acting.userId, key],
  );
  if (!stored) {
    context.trace.idempotency = { key, requestHash };
    return null;
  }
  if (stored.request_hash !== requestHash) throw conflict("This Idempotency-Key was already used for a different request");
  return { body: stored.response };
}

/** Stores the answer in the same transaction as the mutation it answers. */
export async function storeIdempotentResponse(context: RequestContext, body: unknown): Promise<void> {
  const { db, acting } = await context.memberSession();
  const { key, requestHash } = context.trace.idempotency!;
  await db.query(
    "INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, response) VALUES ($1, $2, $3, $4, $5)",
    [acting.tenantId, acting.userId, key, requestHash, JSON.stringify(body)],
  );
}
