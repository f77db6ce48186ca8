import Holidays from "date-holidays";
import { addCalendarDays, localDate, startOfLocalDate, weekdayOf } from "../../shared/local-time";
import { OFFICIAL_CALENDARS } from "./official-calendars";

/** Which local days of a tenant are working days, and in which time zone its days begin. */
export interface WorkingCalendar {
  timeZone: string;
  isWorkingDay(date: string): boolean;
}

/** Monday to Friday in UTC: the calendar of a tenant whose settings are unknown. */
export const WEEKDAYS_IN_UTC: WorkingCalendar = { timeZone: "UTC", isWorkingDay: (date) => weekdayOf(date) % 6 !== 0 };

const datasetDaysOff = new Map<string, Set<string>>();

/**
 * The dataset's whole-day public holidays of the country: holidays of a group only (China's
 * Children's Day, Army Day) carry a note, half days (Women's Day) start at noon; neither is a day
 * off for a service centre.
 */
function datasetDaysOffOf(countryCode: string, year: number): Set<string> {
  const key = `${countryCode}:${year}`;
  let found = datasetDaysOff.get(key);
  if (!found) {
    const holidays = new Holidays(countryCode).getHolidays(year) || [];
    found = new Set(holidays.filter((h) => h.type === "public" && !(h as { note?: string }).note && h.date.slice(11, 19) === "00:00:00").map((h) => h.date.slice(0, 10)));
    datasetDaysOff.set(key, found);
  }
  return found;
}

/** The country's working days: its official schedule for the years that have one, else its dataset's holidays, Monday to Friday. */
export function countryWorkingDay(countryCode: string, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const official = OFFICIAL_CALENDARS[countryCode]?.[year];
  if (official) {
    if (official.makeUpWorkingDays.includes(date)) return true;
    if (official.daysOff.includes(date)) return false;
  } else if (datasetDaysOffOf(countryCode, year).has(date)) return false;
  return weekdayOf(date) % 6 !== 0;
}

/** A tenant's calendar: its own days off and extra working days over its country's. */
export function workingCalendar(settings: { timeZone: string; countryCode: string; ownDays: ReadonlyMap<string, boolean> }): WorkingCalendar {
  return {
    timeZone: settings.timeZone,
    isWorkingDay: (date) => settings.ownDays.get(date) ?? countryWorkingDay(settings.countryCode, date),
  };
}

/** `from` plus whole working days of the calendar, at the same local time; a start on a day off counts from the next working day. */
export function addCalendarWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  const startDate = localDate(from, calendar.timeZone);
  const sinceMidnight = from.getTime() - startOfLocalDate(startDate, calendar.timeZone).getTime();
  let date = startDate;
  let remaining = days;
  while (remaining > 0) {
    date = addCalendarDays(date, 1);
    if (calendar.isWorkingDay(date)) remaining--;
  }
  return new Date(startOfLocalDate(date, calendar.timeZone).getTime() + sinceMidnight);
}

/**
 * `from` plus `hours` counted on the calendar's working days only: the clock stops at midnight
 * before a day off and runs again when the next working day begins.
 */
export function addWorkingHours(from: Date, hours: number, calendar: WorkingCalendar): Date {
  let remaining = hours * 3_600_000;
  let at = from.getTime();
  let date = localDate(from, calendar.timeZone);
  for (;;) {
    const nextMidnight = startOfLocalDate(addCalendarDays(date, 1), calendar.timeZone).getTime();
    if (calendar.isWorkingDay(date)) {
      if (at + remaining <= nextMidnight) return new Date(at + remaining);
      remaining -= nextMidnight - at;
    }
    at = nextMidnight;
    date = addCalendarDays(date, 1);
  }
}
