import { WorkingCalendar, addWorkingHours } from "../calendars/working-calendar";
import { ServiceTier } from "./service-step";

/** Seed 002: first response within 48 h / 24 h / 4 h for general / key / special cases. */
export const DEFAULT_RESPONSE_TARGET_HOURS: Record<ServiceTier, number> = {
  [ServiceTier.GENERAL]: 48,
  [ServiceTier.KEY]: 24,
  [ServiceTier.SPECIAL]: 4,
};

/** Reads "GENERAL=48,KEY=24,SPECIAL=4"; tiers left out keep their default. Throws on a bad entry. */
export function parseResponseTargetHours(text: string): Record<ServiceTier, number> {
  const targets = { ...DEFAULT_RESPONSE_TARGET_HOURS };
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [tier, hours] = entry.split("=").map((part) => part.trim());
    const value = Number(hours);
    if (!(tier in targets) || !Number.isFinite(value) || value <= 0) {
      throw new Error(`"${entry}" is not TIER=hours with TIER one of ${Object.keys(targets).join(", ")}`);
    }
    targets[tier as ServiceTier] = value;
  }
  return targets;
}

/**
 * When the first response is due: the tier's hours counted on the serving tenant's working days
 * (its time zone, public holidays and make-up working days); without a calendar, on the clock.
 */
export function responseDueAt(openedAt: Date, tier: ServiceTier, targets: Record<ServiceTier, number>, calendar?: WorkingCalendar): Date {
  return calendar ? addWorkingHours(openedAt, targets[tier], calendar) : new Date(openedAt.getTime() + targets[tier] * 3_600_000);
}

declare module "../../config" {
  interface ModuleSettings {
    /** Seed 002: hours to a case's first response, per service tier. */
    responseTargetHours: Record<ServiceTier, number>;
  }
}
