import type { SettingSpecs } from "../../config";

declare module "../../config" {
  interface ModuleSettings {
    /** Days a rectification notice's owner has when the issuer names no deadline. */
    rectificationDefaultDays: number;
  }
}

export const OPERATIONS_SETTINGS: SettingSpecs = {
  rectificationDefaultDays: { variable: "RECTIFICATION_DEFAULT_DAYS", parse: parseDays },
};

function parseDays(text: string): number {
  if (text === "") return 14;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1) throw new Error("must be a whole number of days, 1 or more");
  return days;
}
