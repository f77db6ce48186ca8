import "reflect-metadata";
import Redis from "ioredis";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { registerApprovalPolicies } from "./approval-policies";
import { openDatabase } from "./db/database";
import { escalateOverdueApprovals } from "./modules/approvals/approval-escalation.job";
import { createGraphQLServer } from "./http/graphql-server";
import { createHttpServer } from "./http/http-server";
import { persistedQueryCache } from "./http/persisted-queries";
import { readManifest, trustedDocumentsPlugin } from "./http/trusted-documents";
import { createRateLimits } from "./http/rate-limits";
import { buildAppSchema, buildBaseSchema } from "./schema";
import { seedDemoData } from "./seed/seed-demo-data";
import type { Logger } from "./shared/logger";
import { StartupError } from "./shared/startup-error";

export interface RunningApp {
  url: string;
  port: number;
  dataSource: DataSource;
  /** HTTP requests being served right now. */
  inFlight(): number;
  /** Refuses new requests, lets those in flight finish, then closes the pool. */
  stop(): Promise<void>;
}

/** Options only the bench passes, in code: no environment variable or config file reaches them. */
export interface BenchOnlyOptions {
  /**
   * Serve without graphql-shield and without row-level security (requests stay in the pool's
   * owner role): `npm run bench` measures what the two isolation layers cost against this.
   */
  withoutShieldAndRls?: boolean;
}

const DRAIN_TIMEOUT_MS = 10_000;

/** config → database (embedded or DATABASE_URL) → migrations → schema → HTTP. */
export async function startApp(config: Config, log: Logger, benchOnly: BenchOnlyOptions = {}): Promise<RunningApp> {
  const database = await openDatabase(config, log);
  const { dataSource } = database;
  if (config.seedDemoData) await seedDemoData(dataSource);

  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  const persistedQueries = persistedQueryCache(redis);
  const graphql = createGraphQLServer(benchOnly.withoutShieldAndRls ? buildBaseSchema() : buildAppSchema(), {
    production: config.environment === "production",
    persistedQueries,
    extraPlugins: config.trustedDocumentsManifest
      ? [await trustedDocumentsPlugin(readManifest(config.trustedDocumentsManifest), persistedQueries)]
      : [],
  });
  await graphql.start();
  const rateLimits = createRateLimits(config.rateLimits, redis);
  const server = createHttpServer({
    dataSource,
    jwtSecret: config.jwtSecret,
    policy: config.policy,
    limits: { statementTimeoutMs: config.statementTimeoutMs, benchOnlyBypassRowSecurity: benchOnly.withoutShieldAndRls },
    log,
    graphql,
    rateLimits,
    requestTimeoutMs: config.requestTimeoutMs,
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
  const escalationTimer = startEscalationTimer(config, dataSource, log);

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    dataSource,
    inFlight: () => server.inFlight(),
    async stop() {
      if (escalationTimer) clearInterval(escalationTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (server.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      await graphql.stop();
      redis?.disconnect();
      await database.close();
    },
  };
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

/** Runs the approval SLA job in the background; every API process may, the job skips locked rows. */
function startEscalationTimer(config: Config, dataSource: DataSource, log: Logger): NodeJS.Timeout | undefined {
  if (config.approvalEscalationIntervalSeconds === 0) return undefined;
  registerApprovalPolicies();
  const timer = setInterval(() => {
    escalateOverdueApprovals(dataSource, config.policy.approvalSlaWorkingDays).then(
      (escalated) => escalated > 0 && log.info({ escalated }, "approvals escalated past their SLA"),
      (error) => log.error({ err: error }, "approval escalation job failed"),
    );
  }, config.approvalEscalationIntervalSeconds * 1000);
  timer.unref();
  return timer;
}
