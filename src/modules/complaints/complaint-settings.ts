import type { SettingSpecs } from "../../config";

declare module "../../config" {
  interface ModuleSettings {
    /** Days after its resolution during which a provider dispute may be reopened. */
    disputeReopenDays: number;
  }
}

export const COMPLAINT_SETTINGS: SettingSpecs = {
  disputeReopenDays: { variable: "DISPUTE_REOPEN_DAYS", parse: parseDays },
};

function parseDays(text: string): number {
  if (text === "") return 30;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0) throw new Error("must be a whole number of days, 0 or more");
  return days;
}
