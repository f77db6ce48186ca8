import { appModules, startApp } from "./app";
import { loadConfig } from "./config";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-data/demo-data";
import { createLogger } from "./shared/logger";
import { exitOnFailure } from "./shared/startup-error";

async function main(): Promise<void> {
  const config = loadConfig(process.env, appModules().settings);
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  log.info({ url: app.url }, "Link Pass network API is listening");
  if (config.seedDemoData) {
    process.stdout.write(
      `\nLink Pass network API: ${app.url}\nDemo logins (password "${DEMO_PASSWORD}"):\n` +
        DEMO_USERS.map((u) => `  ${u.email.padEnd(24)} ${u.tenant.padEnd(11)} ${u.role}`).join("\n") +
        "\n\n",
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "draining requests and closing");
    app.stop().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch(exitOnFailure);
