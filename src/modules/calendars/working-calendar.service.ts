import type { EntityManager } from "typeorm";
import type { MemberSession } from "../../context/request-context";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, forbidden } from "../../shared/errors";
import { t } from "../../shared/messages";
import { addCalendarDays } from "../../shared/local-time";
import { WEEKDAYS_IN_UTC, WorkingCalendar, countryWorkingDay, workingCalendar } from "./working-calendar";
import { WorkingCalendarDay, WorkingCalendarDayInput } from "./working-calendar.types";

/** At most a year of days in one call. */
const MAX_DAYS_PER_CALL = 366;

/**
 * The calendar of the tenant that decides (an approval step) or serves (a case): its time zone,
 * its country's calendar and its own entries. The acting tenant reads its own and its ancestors'
 * (a child's request is decided by its parent); a tenant it cannot read counts weekdays in UTC.
 */
export async function workingCalendarOf(db: EntityManager, tenantId: string): Promise<WorkingCalendar> {
  const [tenant] = await query<{ time_zone: string; country_code: string }>(db, sql`SELECT time_zone, country_code FROM tenants WHERE id = ${tenantId}`);
  if (!tenant) return WEEKDAYS_IN_UTC;
  const own = await query<{ day: string; working: boolean }>(
    db,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, working FROM working_calendar_days WHERE tenant_id = ${tenantId}`,
  );
  return workingCalendar({ timeZone: tenant.time_zone, countryCode: tenant.country_code, ownDays: new Map(own.map((d) => [d.day, d.working])) });
}

function calendarDateOrThrow(date: string, field: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw badUserInput(t("{date} is not a calendar date YYYY-MM-DD", { date }), field);
  }
  return date;
}

/**
 * Sets the acting tenant's own local days off and extra working days (president or deputy).
 * A day set to what the country's calendar already says drops the tenant's entry, so the
 * official schedule decides it again.
 */
export async function setWorkingCalendar(session: MemberSession, dates: WorkingCalendarDayInput[]): Promise<WorkingCalendarDay[]> {
  const { db, acting } = session;
  if (acting.authorityLevel === null || acting.authorityLevel > 2) throw forbidden("The working calendar is set by a president or deputy");
  if (dates.length > MAX_DAYS_PER_CALL) throw badUserInput(t("At most {max} days at once", { max: MAX_DAYS_PER_CALL }), "dates");
  const [tenant] = await query<{ country_code: string }>(db, sql`SELECT country_code FROM tenants WHERE id = ${acting.tenantId}`);
  const result: WorkingCalendarDay[] = [];
  for (const [i, { date, working }] of dates.entries()) {
    calendarDateOrThrow(date, `dates.${i}.date`);
    const ownEntry = countryWorkingDay(tenant.country_code, date) !== working;
    if (ownEntry) {
      await query(
        db,
        sql`INSERT INTO working_calendar_days (tenant_id, day, working, set_by) VALUES (${acting.tenantId}, ${date}::date, ${working}, ${acting.userId})
          ON CONFLICT (tenant_id, day) DO UPDATE SET working = EXCLUDED.working, set_by = EXCLUDED.set_by, set_at = now()`,
      );
    } else {
      await query(db, sql`DELETE FROM working_calendar_days WHERE tenant_id = ${acting.tenantId} AND day = ${date}::date`);
    }
    result.push(Object.assign(new WorkingCalendarDay(), { tenantId: acting.tenantId, date, working, ownEntry }));
  }
  return result;
}

/** The tenant's calendar over [from, to] (local dates), day by day. */
export async function listWorkingCalendar(session: MemberSession, tenantId: string, from: string, to: string): Promise<WorkingCalendarDay[]> {
  calendarDateOrThrow(from, "from");
  calendarDateOrThrow(to, "to");
  if (to < from) throw badUserInput("to is before from", "to");
  if (addCalendarDays(from, MAX_DAYS_PER_CALL) <= to) throw badUserInput(t("At most {max} days at once", { max: MAX_DAYS_PER_CALL }), "to");
  const [tenant] = await query<{ country_code: string }>(session.db, sql`SELECT country_code FROM tenants WHERE id = ${tenantId}`);
  const calendar = await workingCalendarOf(session.db, tenantId);
  const days: WorkingCalendarDay[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) {
    const working = calendar.isWorkingDay(date);
    days.push(Object.assign(new WorkingCalendarDay(), { tenantId, date, working, ownEntry: working !== countryWorkingDay(tenant.country_code, date) }));
  }
  return days;
}
