import type { DataSource } from "typeorm";
import type { ModuleJob } from "../../shared/module-descriptor";
import { UPLOAD_URL_MINUTES } from "./document-links";

/**
 * Removes the PENDING documents whose upload URL expired: their content never arrived (a refused
 * upload keeps none), so only the metadata row goes. Runs as the migration role: it crosses
 * tenants, as no request does. Returns how many were removed.
 */
export async function removeExpiredUploads(dataSource: DataSource, now: Date = new Date()): Promise<number> {
  const [{ removed }] = await dataSource.query(
    "WITH gone AS (DELETE FROM documents WHERE status = 'PENDING' AND upload_expires_at < $1 RETURNING 1) SELECT count(*)::int AS removed FROM gone",
    [now],
  );
  return removed;
}

/** Every API process may run it: deleting an already deleted row removes nothing. */
export const expiredUploadsJob: ModuleJob = {
  name: "expired-uploads",
  intervalSeconds: () => UPLOAD_URL_MINUTES * 60,
  async run({ dataSource, log }) {
    const removed = await removeExpiredUploads(dataSource);
    if (removed > 0) log.info({ removed }, "expired uploads removed");
  },
};
