import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import { query, sql } from "../../db/rows/sql";
import { quotaExceeded } from "../../shared/errors";

/** The tenant's stored bytes (kept exact by the storage_usage trigger, in the storing transaction); 0 before its first file. */
export async function storageUsedBytes(db: EntityManager, tenantId: string): Promise<number> {
  const [row] = await query<{ used_bytes: string }>(db, sql`SELECT used_bytes FROM tenant_storage_usage WHERE tenant_id = ${tenantId}`);
  return row ? Number(row.used_bytes) : 0;
}

/** QUOTA_EXCEEDED unless `usedBytes` (with `addingBytes` more) stays within the tenant's quota. */
export function assertWithinQuotaOrThrow(settings: ModuleSettings, usage: { usedBytes: number; addingBytes: number }): void {
  if (usage.usedBytes + usage.addingBytes <= settings.storageQuotaBytes) return;
  throw quotaExceeded(`The tenant's storage quota of ${settings.storageQuotaBytes} bytes would be exceeded`, {
    quota: "STORAGE_QUOTA_BYTES",
    storageQuotaBytes: settings.storageQuotaBytes,
    storageUsedBytes: usage.usedBytes,
    requestedBytes: usage.addingBytes,
  });
}
