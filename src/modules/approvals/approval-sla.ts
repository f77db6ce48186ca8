import { WEEKDAYS_IN_UTC, WorkingCalendar, addCalendarWorkingDays } from "../calendars/working-calendar";

/** Default SLA per request level, in working days of the deciding tenant's calendar. */
export const DEFAULT_APPROVAL_SLA_WORKING_DAYS: Record<number, number> = { 1: 5, 2: 3, 3: 2, 4: 2 };

/** Reads "1=5,2=3,3=2,4=2"; levels left out keep their default. Throws on a bad entry. */
export function parseApprovalSlaWorkingDays(text: string): Record<number, number> {
  const days = { ...DEFAULT_APPROVAL_SLA_WORKING_DAYS };
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [level, value] = entry.split("=").map((part) => Number(part.trim()));
    if (!(level in days) || !Number.isInteger(value) || value <= 0) {
      throw new Error(`"${entry}" is not LEVEL=working days with LEVEL 1–4`);
    }
    days[level] = value;
  }
  return days;
}

/**
 * `from` plus whole working days of the deciding tenant's calendar (working-calendar.ts), at the
 * same local time; a start on a day off counts from the next working day. Without a calendar,
 * Monday to Friday in UTC.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar = WEEKDAYS_IN_UTC): Date {
  return addCalendarWorkingDays(from, days, calendar);
}
