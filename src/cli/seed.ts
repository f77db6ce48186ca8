import "reflect-metadata";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { seedDemoData } from "../demo-data/seed-demo-data";
import { createLogger } from "../shared/logger";
import { exitOnFailure } from "../shared/startup-error";

/** `npm run seed`: migrates, then loads the demo data of DESIGN §6 (deterministic, idempotent). */
async function seed(): Promise<void> {
  const modules = appModules();
  const config = loadConfig(process.env, modules.settings);
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, { entities: modules.entities, migrate: true });
  try {
    await seedDemoData(database.dataSource);
    log.info("demo data loaded");
  } finally {
    await database.close();
  }
}

seed().catch(exitOnFailure);
