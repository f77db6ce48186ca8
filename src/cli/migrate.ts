import "reflect-metadata";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { createLogger } from "../shared/logger";
import { exitOnFailure } from "../shared/startup-error";

/** `npm run migrate`: applies pending migrations, under the lock that keeps other processes from racing it. */
async function migrate(): Promise<void> {
  const modules = appModules();
  const config = loadConfig(process.env, modules.settings);
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, { entities: modules.entities, migrate: true });
  if (database.migrated.length === 0) log.info("no migration was pending");
  await database.close();
}

migrate().catch(exitOnFailure);
