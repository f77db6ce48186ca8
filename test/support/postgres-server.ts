import { fork } from "node:child_process";
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

/** A PostgreSQL server of the caller's own, on a free port, that can be paused and resumed. */
export interface EmbeddedServer extends PostgresServer {
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbedded(): Promise<EmbeddedServer> {
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), "link-pass-test-"));
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter this folder.
  chmodSync(root, 0o755);
  const child = fork(path.join(__dirname, "embedded-postgres-process.mjs"), [path.join(root, "postgres"), String(port)], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const send = (command: string) =>
    new Promise<void>((resolve, reject) => {
      child.once("message", (reply: { done?: string; error?: string }) => (reply.done ? resolve() : reject(new Error(reply.error))));
      child.send({ command });
    });
  await send("start");
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    pause: () => send("stop"),
    resume: () => send("start"),
    async stop() {
      await send("stop");
      await send("remove");
      child.kill();
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
