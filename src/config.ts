import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/**
 * The settings modules declare. Each module adds its own to this interface (`declare module`)
 * and their parsers to its descriptor, so this file knows none of them.
 */
export interface ModuleSettings {}

/** How a module's setting is read from its environment variable ("" when unset); throws on a bad value. */
export interface SettingSpec<T> {
  variable: string;
  parse(text: string): T;
}

export type SettingSpecs = { [Name in keyof ModuleSettings]?: SettingSpec<ModuleSettings[Name]> };

/** Token buckets a minute: per user, per tenant, per client address without a token. */
export interface RateLimitConfig {
  userPerMinute: number;
  tenantPerMinute: number;
  anonymousPerMinute: number;
  /** Login attempts per account (normalised email), from any address. */
  loginAccountPerMinute: number;
  /** Login attempts per client address, whatever token the request carries. */
  loginAddressPerMinute: number;
}

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
    DATABASE_REQUEST_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).default(10000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30000),
    EMBEDDED_DATABASE_DIR: z.string().min(1).default(".data/postgres"),
    EMBEDDED_DATABASE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    SEED_DEMO_DATA: booleanFlag.optional(),
    MIGRATE_ON_START: booleanFlag.optional(),
    JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
    RATE_LIMIT_TENANT_PER_MINUTE: z.coerce.number().int().min(1).default(20000),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_LOGIN_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_LOGIN_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
    CORS_ORIGINS: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  });

export interface Config {
  environment: "development" | "test" | "production";
  host: string;
  port: number;
  /** Unset: the server runs an embedded PostgreSQL under `embeddedDatabase.dir`. */
  databaseUrl?: string;
  /**
   * The request pool's login (role linkpass_request); unset: DATABASE_URL's (or the embedded
   * database's) address as linkpass_request, with a password derived from JWT_SECRET.
   */
  databaseRequestUrl?: string;
  databasePoolSize: number;
  /** How long a request waits for a pooled connection before SERVICE_UNAVAILABLE. */
  databasePoolTimeoutMs: number;
  /** PostgreSQL statement_timeout for every request's statements. */
  statementTimeoutMs: number;
  /** A GraphQL request still running after this answers 503 REQUEST_TIMEOUT and is rolled back. */
  requestTimeoutMs: number;
  embeddedDatabase: { dir: string; port: number };
  /** Whether start-up loads the demo data (default: only on the embedded database). */
  seedDemoData: boolean;
  /**
   * Whether start-up applies pending migrations (default: only on the embedded database); when
   * false, a server with pending migrations refuses to start and `npm run migrate` applies them.
   */
  migrateOnStart: boolean;
  jwtSecret: string;
  /** What the modules' own environment variables say (see each module's descriptor). */
  settings: ModuleSettings;
  rateLimits: RateLimitConfig;
  /** When set, only the operations of this manifest run (trusted-documents mode). */
  trustedDocumentsManifest?: string;
  /** Rate-limit buckets and persisted queries shared between API processes; in memory when unset. */
  redisUrl?: string;
  /** Origins whose pages may call the API from a browser: exact origins, or `scheme://host:*` for any port of a host. */
  corsOrigins: string[];
  logLevel: string;
}

/** Outside production, pages served from this machine on any port (a portal's dev server) may call the API. */
const DEVELOPMENT_CORS_ORIGINS = ["http://localhost:*", "http://127.0.0.1:*"];

/** An origin as a browser sends it (no path), or one whose port is `*`. */
const CORS_ORIGIN = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:(\d{1,5}|\*))?$/;

/** Used only outside production, where a fixed secret keeps demo tokens valid across restarts. */
const DEVELOPMENT_JWT_SECRET = "link-pass-development-secret-not-for-production";

export class ConfigError extends Error {}

/** Reads and checks the environment: the core's variables and those `settings` declare; every bad value is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, settings: SettingSpecs = {}): Config {
  const parsed = environmentSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  const moduleSettings: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(settings) as [string, SettingSpec<unknown>][]) {
    try {
      moduleSettings[name] = spec.parse(env[spec.variable] ?? "");
    } catch (error) {
      problems.push(`${spec.variable}: ${(error as Error).message}`);
    }
  }
  if (env.NODE_ENV === "production" && !env.JWT_SECRET) problems.push("JWT_SECRET: is required when NODE_ENV=production");
  const corsOrigins = corsOriginsOf(env.CORS_ORIGINS, env.NODE_ENV === "production");
  const badOrigins = corsOrigins.filter((origin) => !CORS_ORIGIN.test(origin));
  if (badOrigins.length > 0) problems.push(`CORS_ORIGINS: ${badOrigins.join(", ")} is not an origin like https://portal.example or http://localhost:*`);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
  const values = parsed.data;
  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databaseRequestUrl: values.DATABASE_REQUEST_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databasePoolTimeoutMs: values.DATABASE_POOL_TIMEOUT_MS,
    statementTimeoutMs: values.STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    embeddedDatabase: { dir: values.EMBEDDED_DATABASE_DIR, port: values.EMBEDDED_DATABASE_PORT },
    seedDemoData: values.SEED_DEMO_DATA ?? values.DATABASE_URL === undefined,
    migrateOnStart: values.MIGRATE_ON_START ?? values.DATABASE_URL === undefined,
    jwtSecret: values.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    settings: moduleSettings as unknown as ModuleSettings,
    rateLimits: {
      userPerMinute: values.RATE_LIMIT_USER_PER_MINUTE,
      tenantPerMinute: values.RATE_LIMIT_TENANT_PER_MINUTE,
      anonymousPerMinute: values.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      loginAccountPerMinute: values.RATE_LIMIT_LOGIN_ACCOUNT_PER_MINUTE,
      loginAddressPerMinute: values.RATE_LIMIT_LOGIN_ADDRESS_PER_MINUTE,
    },
    redisUrl: values.REDIS_URL,
    trustedDocumentsManifest: values.TRUSTED_DOCUMENTS_MANIFEST,
    corsOrigins,
    logLevel: values.LOG_LEVEL,
  };
}

/** CORS_ORIGINS, comma-separated; unset: the development origins outside production, none in production. */
function corsOriginsOf(variable: string | undefined, production: boolean): string[] {
  if (variable === undefined) return production ? [] : DEVELOPMENT_CORS_ORIGINS;
  return variable
    .split(",")
    .map((origin) => origin.trim().toLowerCase())
    .filter((origin) => origin !== "");
}
