import type { GraphQLRequest } from "@apollo/server";
import { createHash } from "node:crypto";
import type { RequestContext } from "../context/request-context";
import { AppError, conflict } from "../shared/errors";
import type { ModuleJob } from "../shared/module-descriptor";

/** A key's answer is replayed for this long; after it, the key may be used afresh and the cleanup job removes it. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** What a retry receives: the first attempt's answer. */
export interface StoredResponse {
  body: unknown;
}

/**
 * Idempotency-Key on a mutation: inside the request's own transaction, take a lock on
 * (tenant, user, key) and look for an answer stored within the TTL. A retry that arrives while
 * the first attempt runs waits on that lock; it then finds the answer (the first attempt
 * committed) or nothing (it rolled back, having written nothing), so a mutation is applied once.
 */
export async function claimIdempotencyKey(context: RequestContext, key: string, request: GraphQLRequest): Promise<StoredResponse | null> {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError("BAD_USER_INPUT", "Idempotency-Key must be 1–200 visible ASCII characters");
  const { db, acting } = await context.memberSession();
  const { query, operationName, variables } = request;
  const requestHash = createHash("sha256").update(JSON.stringify({ query, operationName, variables })).digest("hex");
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`idempotency:${acting.tenantId}:${acting.userId}:${key}`]);
  const [stored] = await db.query(
    `SELECT request_hash, response FROM idempotency_keys
     WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND created_at > now() - make_interval(hours => $4)`,
    [acting.tenantId, acting.userId, key, IDEMPOTENCY_KEY_TTL_HOURS],
  );
  if (!stored) {
    context.state.idempotency = { key, requestHash };
    return null;
  }
  if (stored.request_hash !== requestHash) throw conflict("This Idempotency-Key was already used for a different request");
  return { body: stored.response };
}

/** Stores the answer in the same transaction as the mutation it answers; an expired key's row is taken over. */
export async function storeIdempotentResponse(context: RequestContext, body: unknown): Promise<void> {
  const { db, acting } = await context.memberSession();
  const { key, requestHash } = context.state.idempotency!;
  await db.query(
    `INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, response) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response, created_at = now()`,
    [acting.tenantId, acting.userId, key, requestHash, JSON.stringify(body)],
  );
}

/** Removes keys past their TTL, hourly; every API process may run it. */
export const idempotencyCleanupJob: ModuleJob = {
  name: "idempotency-key-cleanup",
  intervalSeconds: () => 3600,
  async run({ dataSource }) {
    await dataSource.query("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)", [IDEMPOTENCY_KEY_TTL_HOURS]);
  },
};
