import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { calendarsRules } from "./calendars.rules";
import { WorkingCalendarResolver } from "./working-calendar.resolver";

/** Each tenant's working days: its country's public holidays and make-up working days, and its own days off (issue 19). */
export const calendarsModule: ModuleDescriptor = {
  name: "calendars",
  resolvers: [WorkingCalendarResolver],
  rules: calendarsRules,
};
