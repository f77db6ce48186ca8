import type { Client } from "pg";

/** The tenant context app.enter_request would establish, given directly (tests only, as the migration role). */
export interface RuntimeContext {
  userId?: string | null;
  membershipId?: string | null;
  tenantId?: string | null;
  role?: string | null;
  department?: string | null;
  requestId?: string | null;
  visible?: string[];
  writable?: string[];
  profile?: string[];
}

/**
 * Runs `work` as linkpass_app in a transaction whose signed context is `context`, then rolls
 * everything back: RLS and the column guards without the API. The context is established by
 * app.establish_context, which only the migration role (and enter_request's) may call.
 */
export async function withRuntimeContext<T>(sql: Client, context: RuntimeContext, work: (sql: Client) => Promise<T>): Promise<T> {
  await sql.query("BEGIN");
  try {
    await sql.query("SELECT app.establish_context($1, $2, $3, $4, $5, $6, $7, $8, $9)", [
      context.userId ?? null,
      context.membershipId ?? null,
      context.tenantId ?? null,
      context.role ?? null,
      context.department ?? null,
      context.requestId ?? null,
      context.visible ?? null,
      context.writable ?? null,
      context.profile ?? null,
    ]);
    await sql.query("SET LOCAL ROLE linkpass_app");
    return await work(sql);
  } finally {
    await sql.query("ROLLBACK");
  }
}

/**
 * Runs `work` as linkpass_app acting for one tenant (visible = writable = that tenant) as a
 * member of its management staff, who reads no subtree but does read the tenant's partners'
 * records, as `userId` when given; then rolls everything back.
 */
export function asRuntimeRole<T>(sql: Client, tenantId: string, userId: string | null, work: (sql: Client) => Promise<T>): Promise<T> {
  return withRuntimeContext(sql, { tenantId, userId, role: "STAFF", department: "MANAGEMENT", visible: [tenantId], writable: [tenantId] }, work);
}

/** Opens a transaction the way a request does (app.enter_request as the pool's role, then the switch to linkpass_app). */
export async function enterAsRuntimeRole(sql: Client, userId: string, tenant: string | null = null, requestId = "test-request"): Promise<void> {
  await sql.query("BEGIN");
  const { rows } = await sql.query("SELECT membership_id FROM app.enter_request($1, $2, $3)", [userId, tenant, requestId]);
  if (rows.length !== 1) throw new Error(`user ${userId} has no membership ${tenant ?? ""}`);
  await sql.query("SET LOCAL ROLE linkpass_app");
}
