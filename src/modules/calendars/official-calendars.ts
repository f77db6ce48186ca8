/**
 * Official national schedules that a holiday dataset does not carry: the days off of each holiday
 * block, and the make-up working days (调休) on weekends. For China 2026 this is the State
 * Council General Office's notice on the 2026 holiday arrangements; date-holidays 3.37.0 lists
 * only the statutory days of each festival and none of the make-up days (docs/locale.md).
 * A year listed here replaces the dataset for that country; other years fall back to it.
 */
export interface OfficialYear {
  daysOff: string[];
  makeUpWorkingDays: string[];
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

export const OFFICIAL_CALENDARS: Record<string, Record<number, OfficialYear>> = {
  CN: {
    2026: {
      daysOff: [
        ...days("2026-01-01", "2026-01-03"), // New Year
        ...days("2026-02-15", "2026-02-23"), // Spring Festival
        ...days("2026-04-04", "2026-04-06"), // Qingming
        ...days("2026-05-01", "2026-05-05"), // Labour Day
        ...days("2026-06-19", "2026-06-21"), // Dragon Boat
        ...days("2026-09-25", "2026-09-27"), // Mid-Autumn
        ...days("2026-10-01", "2026-10-07"), // National Day
      ],
      makeUpWorkingDays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    },
  },
};
