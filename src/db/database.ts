import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { Client, escapeLiteral } from "pg";
import { DataSource, MigrationExecutor } from "typeorm";
import type { Config } from "../config";
import type { Logger } from "../shared/logger";
import { StartupError } from "../shared/startup-error";
import { createDataSource } from "./data-source";
import { EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";

export interface Database {
  /** The owner's pool (DATABASE_URL's role): migrations, seed, jobs and readiness; requests never run on it. */
  dataSource: DataSource;
  /** The migrations this process applied while opening (none when they were already applied). */
  migrated: string[];
  close(): Promise<void>;
}

/**
 * Any fixed number: the key of the session lock under which one process at a time migrates a
 * database, so API servers starting together never race to apply the same migration.
 */
const MIGRATION_LOCK_KEY = 1_764_010_013;

/** Opened with `requestPool: true`: the pool requests run on. */
export interface DatabaseWithRequestPool extends Database {
  /** Logs in as REQUEST_ROLE, which may become only linkpass_app and call only app.enter_request. */
  requestDataSource: DataSource;
}

interface OpenOptions {
  entities: readonly Function[];
  migrate?: boolean;
  /** Also open the request pool (the API server; scripts do not need it). */
  requestPool?: boolean;
}

/**
 * The login role of the request pool (migrations/1765082630000-RequestLoginRole.ts): not the
 * owner, so SQL running as the runtime role can reset or set its role to nothing stronger.
 */
export const REQUEST_ROLE = "linkpass_request";

/** The HMAC label of REQUEST_ROLE's password derived from JWT_SECRET; fixed, so every process derives the same one. */
const REQUEST_PASSWORD_LABEL = "link-pass: database password of linkpass_request";

/**
 * DATABASE_URL when set (created when missing and the role may), else the embedded PostgreSQL.
 * Then it applies pending migrations (`migrate`, default MIGRATE_ON_START), or refuses a schema
 * with pending ones. What the operator must fix is a StartupError.
 */
export async function openDatabase(config: Config, log: Logger, options: OpenOptions & { requestPool: true }): Promise<DatabaseWithRequestPool>;
export async function openDatabase(config: Config, log: Logger, options: OpenOptions): Promise<Database>;
export async function openDatabase(config: Config, log: Logger, options: OpenOptions): Promise<Database | DatabaseWithRequestPool> {
  let embedded: EmbeddedDatabase | undefined;
  if (config.databaseUrl) await createDatabaseIfMissing(config.databaseUrl, config.databasePoolTimeoutMs, log);
  else embedded = await startEmbeddedDatabase({ ...config.embeddedDatabase, log });
  const url = config.databaseUrl ?? embedded!.url;
  const pool = (poolUrl: string) =>
    createDataSource({ url: poolUrl, entities: options.entities, poolSize: config.databasePoolSize, poolTimeoutMs: config.databasePoolTimeoutMs });
  const dataSource = pool(url);
  let requestDataSource: DataSource | undefined;
  let migrated: string[] = [];
  try {
    await dataSource.initialize();
    if (options.migrate ?? config.migrateOnStart) migrated = await migrateUnderLock(dataSource, url, log);
    else await refusePendingMigrations(dataSource);
    if (options.requestPool) {
      requestDataSource = pool(await requestPoolUrl(dataSource, config, url));
      await requestDataSource.initialize().catch((error) => {
        throw new StartupError(`the request pool cannot log in as ${REQUEST_ROLE} (${firstLine(error)}): ${REQUEST_LOGIN_FIX}`);
      });
      await refuseStrongRequestRole(requestDataSource);
    }
  } catch (error) {
    if (requestDataSource?.isInitialized) await requestDataSource.destroy();
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    ...(requestDataSource && { requestDataSource }),
    migrated,
    async close() {
      await requestDataSource?.destroy();
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

const REQUEST_LOGIN_FIX =
  `set DATABASE_REQUEST_URL to a URL that logs in as ${REQUEST_ROLE}, or let pg_hba.conf admit ${REQUEST_ROLE} (password auth) where DATABASE_URL's role is admitted`;

/**
 * DATABASE_REQUEST_URL when set. Else the owner's URL with REQUEST_ROLE and a password derived
 * from JWT_SECRET, which the owner sets when that login fails: every API process sharing the
 * secret derives the same one, so processes starting beside each other never lock one another out.
 */
async function requestPoolUrl(owner: DataSource, config: Config, ownerUrl: string): Promise<string> {
  if (config.databaseRequestUrl) return config.databaseRequestUrl;
  const password = createHmac("sha256", config.jwtSecret).update(REQUEST_PASSWORD_LABEL).digest("base64url");
  const url = new URL(ownerUrl);
  url.username = REQUEST_ROLE;
  url.password = password;
  const loggedIn = await connectOnce(url.toString(), config.databasePoolTimeoutMs).then(() => true, () => false);
  if (!loggedIn) await setRequestPassword(owner, password);
  return url.toString();
}

/** Retried when another process sets the same password at the same moment (PostgreSQL: "tuple concurrently updated"). */
async function setRequestPassword(owner: DataSource, password: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await owner.query(`ALTER ROLE ${REQUEST_ROLE} PASSWORD ${escapeLiteral(scramVerifier(password))}`);
      return;
    } catch (error) {
      if (attempt < 3 && /concurrently updated/.test(firstLine(error))) continue;
      throw new StartupError(`the role of DATABASE_URL may not set the password of ${REQUEST_ROLE} (${firstLine(error)}): grant it CREATEROLE, or ${REQUEST_LOGIN_FIX}`);
    }
  }
}

/**
 * The password as PostgreSQL stores it for SCRAM-SHA-256 (RFC 5802, RFC 7677), so the statement
 * that sets it carries no password a statement log could keep.
 */
function scramVerifier(password: string): string {
  const iterations = 4096;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** A request pool whose role bypasses RLS (a DATABASE_REQUEST_URL naming the owner) would undo the isolation: refused. */
async function refuseStrongRequestRole(requests: DataSource): Promise<void> {
  const [role] = await requests.query("SELECT rolname AS name, rolsuper OR rolbypassrls AS strong FROM pg_roles WHERE rolname = current_user");
  if (role.strong) throw new StartupError(`DATABASE_REQUEST_URL logs in as "${role.name}", which bypasses row-level security: use ${REQUEST_ROLE}`);
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0];
}

async function migrateUnderLock(dataSource: DataSource, url: string, log: Logger): Promise<string[]> {
  const lock = new Client({ connectionString: url, application_name: "link-pass-migrations" });
  // A lost connection fails the migration's own statements; it must not also crash the process.
  lock.on("error", () => undefined);
  await lock.connect();
  try {
    const { rows } = await lock.query<{ acquired: boolean }>("SELECT pg_try_advisory_lock($1) AS acquired", [MIGRATION_LOCK_KEY]);
    if (!rows[0].acquired) {
      log.info("another process is migrating this database; waiting for it");
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    const applied = (await dataSource.runMigrations()).map((migration) => migration.name);
    if (applied.length > 0) log.info({ migrations: applied }, "migrated");
    return applied;
  } finally {
    // Ending the session releases its lock.
    await lock.end();
  }
}

async function refusePendingMigrations(dataSource: DataSource): Promise<void> {
  const pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map((migration) => migration.name);
  if (pending.length === 0) return;
  const which = pending.length === 1 ? pending[0] : `${pending[0]} … ${pending.at(-1)}`;
  throw new StartupError(
    `the database has ${pending.length} pending migration${pending.length === 1 ? "" : "s"} (${which}) and MIGRATE_ON_START is false: run \`npm run migrate\` first`,
  );
}

/** The database of `url`, created when it does not exist and its role may create databases. */
async function createDatabaseIfMissing(url: string, timeoutMs: number, log: Logger): Promise<void> {
  try {
    await connectOnce(url, timeoutMs);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw connectionProblem(error, url);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  try {
    await connectOnce(maintenance.toString(), timeoutMs, async (client) => {
      const { rows } = await client.query<{ may: boolean; role: string }>(
        "SELECT rolcreatedb OR rolsuper AS may, rolname AS role FROM pg_roles WHERE rolname = current_user",
      );
      if (!rows[0]?.may) {
        throw new StartupError(
          `database "${name}" does not exist on ${place(target)} and role "${rows[0]?.role}" may not create it: ` +
            `create it (createdb -O ${rows[0]?.role} ${name}) or set DATABASE_URL to an existing database`,
        );
      }
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    });
  } catch (error) {
    // 42P04: another server starting beside this one created it first.
    if ((error as { code?: string }).code === "42P04") return;
    if (error instanceof StartupError) throw error;
    throw connectionProblem(error, url);
  }
  log.info({ database: name }, "created the database named by DATABASE_URL");
}

async function connectOnce(url: string, timeoutMs: number, work: (client: Client) => Promise<void> = async () => undefined): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: "link-pass-api" });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function place(url: URL): string {
  return `${url.hostname || "localhost"}:${url.port || 5432}`;
}

/** A failed connection to DATABASE_URL as one line that says what to fix (never the password). */
function connectionProblem(error: unknown, url: string): StartupError {
  const target = new URL(url);
  const where = place(target);
  const role = decodeURIComponent(target.username) || "(the default user)";
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case "ECONNREFUSED":
      return new StartupError(`PostgreSQL at ${where} refused the connection: start it, or correct DATABASE_URL (unset it to use the embedded database)`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new StartupError(`the host of DATABASE_URL (${target.hostname}) cannot be resolved: correct DATABASE_URL`);
    case "28P01":
      return new StartupError(`PostgreSQL at ${where} rejected the password of role "${role}": correct DATABASE_URL`);
    case "28000":
      return /role .* does not exist/.test(message)
        ? new StartupError(`role "${role}" does not exist on ${where}: create it (createuser --createdb ${role}) or correct the user in DATABASE_URL`)
        : new StartupError(`PostgreSQL at ${where} refused role "${role}" (${message}): allow it in pg_hba.conf or correct DATABASE_URL`);
  }
  if (/timeout/i.test(message)) return new StartupError(`PostgreSQL at ${where} did not answer in time: check that it runs and DATABASE_URL points at it`);
  return new StartupError(`cannot open the database of DATABASE_URL at ${where} (${message.split("\n")[0]}): correct DATABASE_URL`);
}
