import type { SettingSpecs } from "../../config";
import type { ModuleJob } from "../../shared/module-descriptor";
import { escalateOverdueApprovals } from "./approval-escalation.job";
import { parseApprovalSlaWorkingDays } from "./approval-sla";

declare module "../../config" {
  interface ModuleSettings {
    /** Working days an approval step may wait, per request level. */
    approvalSlaWorkingDays: Record<number, number>;
    /** How often each API process runs the SLA escalation job; 0: never (run `npm run approvals:escalate`). */
    approvalEscalationIntervalSeconds: number;
  }
}

export const APPROVAL_SETTINGS: SettingSpecs = {
  approvalSlaWorkingDays: { variable: "APPROVAL_SLA_WORKING_DAYS", parse: parseApprovalSlaWorkingDays },
  approvalEscalationIntervalSeconds: { variable: "APPROVAL_ESCALATION_INTERVAL_SECONDS", parse: parseIntervalSeconds },
};

function parseIntervalSeconds(text: string): number {
  if (text === "") return 300;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("must be a whole number of seconds, 0 or more");
  return seconds;
}

/** Every API process may run it: the job skips the rows another process holds. */
export const approvalEscalationJob: ModuleJob = {
  name: "approval-escalation",
  intervalSeconds: (settings) => settings.approvalEscalationIntervalSeconds,
  async run({ dataSource, settings, log }) {
    const escalated = await escalateOverdueApprovals(dataSource, settings.approvalSlaWorkingDays);
    if (escalated > 0) log.info({ escalated }, "approvals escalated past their SLA");
  },
};
