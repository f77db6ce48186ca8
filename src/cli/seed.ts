import "reflect-metadata";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { seedDemoData } from "../demo-data/seed-demo-data";
import { createLogger } from "../shared/logger";

/** `npm run seed`: loads the demo data of DESIGN §6 (deterministic, idempotent). */
async function seed(): Promise<void> {
  const modules = appModules();
  const config = loadConfig(process.env, modules.settings);
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, modules.entities);
  try {
    await seedDemoData(database.dataSource);
    log.info("demo data loaded");
  } finally {
    await database.close();
  }
}

seed().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
