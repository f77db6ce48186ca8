import "reflect-metadata";
import { appModules } from "../app";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { escalateOverdueApprovals } from "../modules/approvals/approval-escalation.job";
import { createLogger } from "../shared/logger";

/** `npm run approvals:escalate`: the approval SLA job, on demand (the server also runs it on a timer). */
async function escalate(): Promise<void> {
  const modules = appModules();
  const config = loadConfig(process.env, modules.settings);
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, { entities: modules.entities });
  try {
    log.info({ escalated: await escalateOverdueApprovals(database.dataSource, config.settings.approvalSlaWorkingDays) }, "approval SLA job done");
  } finally {
    await database.close();
  }
}

escalate().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
