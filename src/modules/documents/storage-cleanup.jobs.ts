import type { DataSource } from "typeorm";
import type { ModuleJob } from "../../shared/module-descriptor";
import { UPLOAD_URL_MINUTES } from "./document-links";
import type { DocumentStorage } from "./document-storage";
import { documentStorageFor } from "./document-storage";

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

/** An upload's write and its commit are one request apart; an object younger than this may still be on its way to its row. */
const UNREFERENCED_GRACE_MS = 24 * 3_600_000;

/**
 * Removes the objects a driver keeps outside the database that no document names (a process died
 * after writing one and before committing its row). Runs as the migration role, across tenants.
 */
export async function removeUnreferencedContent(dataSource: DataSource, storage: DocumentStorage, now: Date = new Date()): Promise<number> {
  return storage.removeUnreferenced(async (keys) => {
    const rows: { storage_key: string }[] = await dataSource.query("SELECT storage_key FROM documents WHERE storage_key = ANY ($1::text[])", [keys]);
    return new Set(rows.map((row) => row.storage_key));
  }, new Date(now.getTime() - UNREFERENCED_GRACE_MS));
}

/** Every API process may run it: a second delete of an object removes nothing. */
export const unreferencedContentJob: ModuleJob = {
  name: "unreferenced-content",
  intervalSeconds: () => 3_600,
  async run({ dataSource, settings, log }) {
    const removed = await removeUnreferencedContent(dataSource, documentStorageFor(settings));
    if (removed > 0) log.info({ removed }, "unreferenced stored content removed");
  },
};
