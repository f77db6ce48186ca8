import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { createLogger } from "../shared/logger";
import { renderPolicySnapshot } from "./policy-snapshot";

/** `npm run policies`: migrates the database (DATABASE_URL, else the embedded one) and rewrites the committed policies.snapshot.sql from it. */
async function printPolicies(): Promise<void> {
  const modules = appModules();
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }, modules.settings);
  const database = await openDatabase(config, createLogger(config.logLevel), { entities: modules.entities, migrate: true });
  try {
    const snapshot = await renderPolicySnapshot((sql) => database.dataSource.query(sql));
    writeFileSync(path.resolve(__dirname, "../../../policies.snapshot.sql"), snapshot);
  } finally {
    await database.close();
  }
}

printPolicies().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
