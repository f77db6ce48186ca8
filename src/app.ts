import "reflect-metadata";
import Redis from "ioredis";
import type { GraphQLSchema } from "graphql";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import type { ContextDependencies } from "./context/create-context";
import { requestLoaders } from "./context/loaders";
import { openDatabase } from "./db/database";
import { RequestTransactions, TransactionLimits, requestTransactions } from "./db/request-transaction";
import { seedDemoData } from "./demo-data/seed-demo-data";
import { corsPolicy } from "./http/cors";
import { createGraphQLServer } from "./http/graphql-server";
import { createHttpServer } from "./http/http-server";
import { idempotencyCleanupJob } from "./http/idempotency";
import { persistedQueryCache } from "./http/persisted-queries";
import { createLoginThrottle, createRateLimits } from "./http/rate-limits";
import { readManifest, trustedDocumentsPlugin } from "./http/trusted-documents";
import { MODULES } from "./modules";
import { buildAppSchema } from "./schema";
import type { Logger } from "./shared/logger";
import { AssembledModules, ModuleJob, ModuleService, ModuleServiceDeps, assembleModules } from "./shared/module-descriptor";
import { StartupError } from "./shared/startup-error";

export interface RunningApp {
  url: string;
  port: number;
  /** The owner's pool: jobs and readiness. */
  dataSource: DataSource;
  /** The pool requests run on, as linkpass_request switching to linkpass_app. */
  requestDataSource: DataSource;
  /** HTTP requests being served right now. */
  inFlight(): number;
  /** Refuses new requests, lets those in flight finish, then closes the pool. */
  stop(): Promise<void>;
}

/**
 * The parts a caller may build differently; the defaults are the production ones. The bench
 * passes its own (bench/arms/ours.ts) to measure the server without its isolation layers.
 */
export interface AppParts {
  schema(modules: AssembledModules): GraphQLSchema;
  transactions(pools: { request: DataSource; owner: DataSource }, limits: TransactionLimits): RequestTransactions;
}

const PRODUCTION_PARTS: AppParts = { schema: buildAppSchema, transactions: ({ request }, limits) => requestTransactions(request, limits) };

const DRAIN_TIMEOUT_MS = 10_000;

let assembled: AssembledModules | undefined;

/** The app's modules, assembled once per process: what every entry point (server, scripts, tests) builds from. */
export function appModules(): AssembledModules {
  return (assembled ??= assembleModules(MODULES));
}

/** config → database (embedded or DATABASE_URL) → migrations → schema → HTTP. */
export async function startApp(config: Config, log: Logger, parts: Partial<AppParts> = {}): Promise<RunningApp> {
  const { schema, transactions } = { ...PRODUCTION_PARTS, ...parts };
  const modules = appModules();
  refuseMissingSettings(config, modules);
  const database = await openDatabase(config, log, { entities: modules.entities, requestPool: true });
  const { dataSource, requestDataSource } = database;
  if (config.seedDemoData) await seedDemoData(dataSource);

  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  const persistedQueries = persistedQueryCache(redis);
  const production = config.environment === "production";
  const appSchema = schema(modules);
  const graphql = createGraphQLServer(appSchema, {
    production,
    persistedQueries,
    extraPlugins: config.trustedDocumentsManifest
      ? [await trustedDocumentsPlugin(readManifest(config.trustedDocumentsManifest), persistedQueries)]
      : [],
  });
  await graphql.start();
  const requestTransactions = transactions({ request: requestDataSource, owner: dataSource }, { statementTimeoutMs: config.statementTimeoutMs });
  const contextDependencies: ContextDependencies = {
    dataSource,
    transactions: requestTransactions,
    loaders: requestLoaders(modules.loaderFactories),
    jwtSecret: config.jwtSecret,
    settings: config.settings,
    loginThrottle: createLoginThrottle(config.rateLimits, redis),
    log,
  };
  const server = createHttpServer({
    ...contextDependencies,
    graphql,
    rateLimits: createRateLimits(config.rateLimits, redis),
    requestTimeoutMs: config.requestTimeoutMs,
    routes: modules.routes,
    cors: corsPolicy(config.corsOrigins),
    publicRoutes: modules.publicRoutes.filter((route) => route.enabled?.({ production, settings: config.settings }) ?? true),
  });
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await graphql.stop();
    redis?.disconnect();
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const timers = startJobs([...modules.jobs, idempotencyCleanupJob], { dataSource, settings: config.settings, log });
  const services = await startServices(modules.services, {
    dataSource,
    transactions: requestTransactions,
    contextDependencies,
    schema: appSchema,
    settings: config.settings,
    jwtSecret: config.jwtSecret,
    redisUrl: config.redisUrl,
    server,
    log,
  }).catch(async (error) => {
    for (const timer of timers) clearInterval(timer);
    server.close();
    await graphql.stop();
    redis?.disconnect();
    await database.close();
    throw error;
  });

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    dataSource,
    requestDataSource,
    inFlight: () => server.inFlight(),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (server.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      // Before waiting for the server: a service's own connections (websockets) are not the server's to close.
      for (const service of services.reverse()) await service.stop();
      await closed;
      await graphql.stop();
      redis?.disconnect();
      await database.close();
    },
  };
}

/**
 * A config loaded without the modules' setting specs has none of their values: its jobs would
 * run on an undefined interval (setInterval's 1 ms) and its services without their limits.
 */
function refuseMissingSettings(config: Config, modules: AssembledModules): void {
  const missing = Object.keys(modules.settings).filter((name) => !(name in config.settings));
  if (missing.length > 0) {
    throw new StartupError(`the configuration lacks the modules' settings (${missing.join(", ")}): load it with loadConfig(env, appModules().settings)`);
  }
}

/** A port that is taken or not ours to use is a StartupError, not an unhandled 'error' event. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new StartupError(`port ${port} on ${host} is already in use (is another server running?): stop it, or set PORT to a free port`));
      } else if (error.code === "EACCES") {
        reject(new StartupError(`this user may not listen on port ${port}: set PORT to one above 1023`));
      } else reject(error);
    };
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      resolve();
    });
  });
}

/** Starts the modules' services in order; one that fails to start stops those already running. */
async function startServices(services: readonly ModuleService[], deps: ModuleServiceDeps): Promise<{ stop(): Promise<void> }[]> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    for (const service of services) started.push(await service.start(deps));
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    throw error;
  }
  return started;
}

/** Runs each job on its timer in the background; a failed run is logged and the next one tries again. */
function startJobs(jobs: readonly ModuleJob[], deps: Parameters<ModuleJob["run"]>[0]): NodeJS.Timeout[] {
  return jobs.flatMap((job) => {
    const seconds = job.intervalSeconds(deps.settings);
    if (seconds === 0) return [];
    const timer = setInterval(() => {
      job.run(deps).catch((error) => deps.log.error({ err: error, job: job.name }, "background job failed"));
    }, seconds * 1000);
    timer.unref();
    return [timer];
  });
}
