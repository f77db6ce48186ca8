import type { DataSource } from "typeorm";
import type { Config } from "../config";
import type { Logger } from "../shared/logger";
import { createDataSource } from "./data-source";
import { EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-database";

export interface Database {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** DATABASE_URL when set, else the embedded PostgreSQL; migrated to the latest schema. */
export async function openDatabase(config: Config, log: Logger, entities: readonly Function[]): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) embedded = await startEmbeddedDatabase({ ...config.embeddedDatabase, log });
  const dataSource = createDataSource({
    url: config.databaseUrl ?? embedded!.url,
    entities,
    poolSize: config.databasePoolSize,
    poolTimeoutMs: config.databasePoolTimeoutMs,
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, "migrated");
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
