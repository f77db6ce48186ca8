import type { Client } from "pg";

/**
 * Runs `work` as linkpass_app acting for one tenant (visible = writable = that tenant, as for a
 * member reading no subtree), as `userId` when given, then rolls everything back: RLS and the
 * column guards without the API.
 */
export async function asRuntimeRole<T>(sql: Client, tenantId: string, userId: string | null, work: (sql: Client) => Promise<T>): Promise<T> {
  await sql.query("BEGIN");
  try {
    await sql.query("SET LOCAL ROLE linkpass_app");
    await sql.query(
      `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', coalesce($2, ''), true),
              set_config('app.visible_tenant_ids', $3, true), set_config('app.writable_tenant_ids', $3, true)`,
      [tenantId, userId, `{${tenantId}}`],
    );
    return await work(sql);
  } finally {
    await sql.query("ROLLBACK");
  }
}
