import "reflect-metadata";
import { appModules, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/shared/logger";
import { armEnvironment, reportReady } from "./arm-environment";
import { WITHOUT_ISOLATION } from "./without-isolation";

/** The real server, as `npm start` runs it; `--without-shield-and-rls` is the bench-only baseline. */
async function main(): Promise<void> {
  const config = loadConfig(armEnvironment(), appModules().settings);
  const parts = process.argv.includes("--without-shield-and-rls") ? WITHOUT_ISOLATION : {};
  const app = await startApp(config, createLogger(config.logLevel), parts);
  reportReady(app.port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
