import "reflect-metadata";
import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/shared/logger";
import { armEnvironment, reportReady } from "./arm-environment";

/** The real server, as `npm start` runs it; `--without-shield-and-rls` is the bench-only baseline. */
async function main(): Promise<void> {
  const config = loadConfig(armEnvironment());
  const app = await startApp(config, createLogger(config.logLevel), { withoutShieldAndRls: process.argv.includes("--without-shield-and-rls") });
  reportReady(app.port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
