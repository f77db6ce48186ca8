import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { seedDemoData } from "../seed/seed-demo-data";
import { createLogger } from "../shared/logger";
import { exitOnFailure } from "../shared/startup-error";

/** `npm run seed`: migrates, then loads the demo data of DESIGN §6 (deterministic, idempotent). */
async function seed(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, { migrate: true });
  try {
    await seedDemoData(database.dataSource);
    log.info("demo data loaded");
  } finally {
    await database.close();
  }
}

seed().catch(exitOnFailure);
