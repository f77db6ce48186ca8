import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { createLogger } from "../shared/logger";

/** `npm run migrate`: applies pending migrations (opening the database migrates it). */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  await database.close();
}

migrate().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
