import "reflect-metadata";
import { registerApprovalPolicies } from "../approval-policies";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { escalateOverdueApprovals } from "../modules/approvals/approval-escalation.job";
import { createLogger } from "../shared/logger";

/** `npm run approvals:escalate`: the approval SLA job, on demand (the server also runs it on a timer). */
async function escalate(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  registerApprovalPolicies();
  const database = await openDatabase(config, log);
  try {
    log.info({ escalated: await escalateOverdueApprovals(database.dataSource, config.policy.approvalSlaWorkingDays) }, "approval SLA job done");
  } finally {
    await database.close();
  }
}

escalate().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
