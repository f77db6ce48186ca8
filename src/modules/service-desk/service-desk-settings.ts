import type { SettingSpecs } from "../../config";
import type { ModuleJob } from "../../shared/module-descriptor";
import { ServiceTier } from "../cases/service-step";
import { escalateOverdueComplaints } from "./complaint-escalation.job";

/** Hours to resolve a problem or complaint, per client tier: key clients are answered faster (seed 002 三). */
export const DEFAULT_SERVICE_DESK_HOURS: Record<ServiceTier, number> = {
  [ServiceTier.GENERAL]: 72,
  [ServiceTier.KEY]: 24,
  [ServiceTier.SPECIAL]: 12,
};

declare module "../../config" {
  interface ModuleSettings {
    /** Hours from raising a problem or complaint to its deadline, per client tier. */
    serviceDeskHours: Record<ServiceTier, number>;
    /** Days after its resolution in which a client who disagrees may have it reopened. */
    serviceRequestReopenDays: number;
    /** Hours past its deadline an unresolved complaint waits at the centre's management before it goes to the parent centre. */
    complaintParentEscalationHours: number;
    /** Days after a case's evaluation by which its revisit is due. */
    revisitDueDays: number;
    /** How often each API process runs the complaint escalation job; 0: never. */
    complaintEscalationIntervalSeconds: number;
  }
}

export const SERVICE_DESK_SETTINGS: SettingSpecs = {
  serviceDeskHours: { variable: "SERVICE_DESK_HOURS", parse: parseTierHours },
  serviceRequestReopenDays: { variable: "SERVICE_REQUEST_REOPEN_DAYS", parse: wholeNumber(14, 0) },
  complaintParentEscalationHours: { variable: "COMPLAINT_PARENT_ESCALATION_HOURS", parse: wholeNumber(48, 1) },
  revisitDueDays: { variable: "REVISIT_DUE_DAYS", parse: wholeNumber(7, 1) },
  complaintEscalationIntervalSeconds: { variable: "COMPLAINT_ESCALATION_INTERVAL_SECONDS", parse: wholeNumber(300, 0) },
};

/** Reads "GENERAL=72,KEY=24,SPECIAL=12"; tiers left out keep their default. */
export function parseTierHours(text: string): Record<ServiceTier, number> {
  const hours = { ...DEFAULT_SERVICE_DESK_HOURS };
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [tier, value] = entry.split("=").map((part) => part.trim());
    if (!(tier in hours) || !(Number(value) > 0)) throw new Error(`"${entry}" is not TIER=hours with TIER one of ${Object.keys(hours).join(", ")}`);
    hours[tier as ServiceTier] = Number(value);
  }
  return hours;
}

function wholeNumber(fallback: number, least: number): (text: string) => number {
  return (text) => {
    if (text === "") return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < least) throw new Error(`must be a whole number, ${least} or more`);
    return value;
  };
}

export const complaintEscalationJob: ModuleJob = {
  name: "complaint-escalation",
  // A config loaded without the modules' settings (as some specs load it) runs no escalation rather than one with no deadlines.
  intervalSeconds: (settings) => settings.complaintEscalationIntervalSeconds ?? 0,
  async run({ dataSource, settings, log }) {
    const escalated = await escalateOverdueComplaints(dataSource, settings.complaintParentEscalationHours);
    if (escalated > 0) log.info({ escalated }, "client complaints escalated past their deadline");
  },
};
