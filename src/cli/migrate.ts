import "reflect-metadata";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { createLogger } from "../shared/logger";

/** `npm run migrate`: applies pending migrations (opening the database migrates it). */
async function migrate(): Promise<void> {
  const modules = appModules();
  const config = loadConfig(process.env, modules.settings);
  const database = await openDatabase(config, createLogger(config.logLevel), modules.entities);
  await database.close();
}

migrate().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
