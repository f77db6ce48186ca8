import { appModules, startApp } from "./app";
import { loadConfig } from "./config";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-data/demo-data";
import { createLogger } from "./shared/logger";
import { exitOnFailure } from "./shared/startup-error";

/** How long a stopped server may take to end by itself before it is made to. */
const LINGER_MS = 2000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, appModules().settings);
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "draining requests and closing");
    app.stop().then(
      () => {
        log.info("stopped");
        // Everything is closed: the process ends by itself once pino's asynchronous writes are out
        // (process.exit could cut the last lines). Should a handle linger, it ends anyway.
        setTimeout(() => process.exit(0), LINGER_MS).unref();
      },
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  // Announced only once a signal is handled: a supervisor that stops the server right away still drains it.
  log.info({ url: app.url }, "Link Pass network API is listening");
  if (config.seedDemoData) {
    process.stdout.write(
      `\nLink Pass network API: ${app.url}\nDemo logins (password "${DEMO_PASSWORD}"):\n` +
        DEMO_USERS.map((u) => `  ${u.email.padEnd(24)} ${u.tenant.padEnd(11)} ${u.role}`).join("\n") +
        "\n\n",
    );
  }
}

main().catch(exitOnFailure);
