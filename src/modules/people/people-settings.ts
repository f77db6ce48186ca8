import type { SettingSpecs } from "../../config";

declare module "../../config" {
  interface ModuleSettings {
    /** Hours an invitation's token stays usable. */
    invitationTtlHours: number;
  }
}

export const PEOPLE_SETTINGS: SettingSpecs = {
  invitationTtlHours: { variable: "INVITATION_TTL_HOURS", parse: parseHours },
};

function parseHours(text: string): number {
  if (text === "") return 168;
  const hours = Number(text);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) throw new Error("must be a whole number of hours, 1 to 2160");
  return hours;
}
