import "reflect-metadata";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { openDatabase } from "./db/database";
import { createGraphQLServer } from "./http/graphql-server";
import { createHttpServer } from "./http/http-server";
import { buildAppSchema } from "./schema";
import { seedDemoData } from "./seed/seed-demo-data";
import type { Logger } from "./shared/logger";

export interface RunningApp {
  url: string;
  port: number;
  dataSource: DataSource;
  /** Refuses new requests, lets those in flight finish, then closes the pool. */
  stop(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

/** config → database (embedded or DATABASE_URL) → migrations → schema → HTTP. */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const database = await openDatabase(config, log);
  const { dataSource } = database;
  if (config.seedDemoData) await seedDemoData(dataSource);

  const graphql = createGraphQLServer(buildAppSchema(), { production: config.environment === "production" });
  await graphql.start();
  const server = createHttpServer({ dataSource, jwtSecret: config.jwtSecret, responseTargetHours: config.responseTargetHours, log, graphql });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    dataSource,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (server.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      await graphql.stop();
      await database.close();
    },
  };
}
