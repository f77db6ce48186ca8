import { addWorkingDays } from "../../src/modules/approvals/approval-sla";
import { workingCalendar } from "../../src/modules/calendars/working-calendar";
import { addCalendarDays, localDate, startOfLocalDate } from "../../src/shared/local-time";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const SET = "mutation($dates: [WorkingCalendarDayInput!]!) { setWorkingCalendar(dates: $dates) { date working ownEntry } }";
const LIST = "query($from: String!, $to: String!, $tenantId: ID) { workingCalendar(from: $from, to: $to, tenantId: $tenantId) { date working ownEntry } }";

describe("a tenant's working calendar", () => {
  it("shows the official 2026 Spring Festival: Feb 14 worked, Feb 15–23 off, Feb 28 worked", async () => {
    const { workingCalendar: days } = await t.as("staff@cn-sh.demo").data(LIST, { from: "2026-02-13", to: "2026-02-28" });
    const working = days.filter((d: any) => d.working).map((d: any) => d.date);
    expect(working).toEqual(["2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"]);
    expect(days.every((d: any) => d.ownEntry === false)).toBe(true);
  });

  it("Malaysia's centres follow Malaysia's holidays", async () => {
    const { workingCalendar: days } = await t.as("consultant@my-kl.demo").data(LIST, { from: "2026-08-31", to: "2026-09-01" });
    expect(days).toEqual([
      { date: "2026-08-31", working: false, ownEntry: false },
      { date: "2026-09-01", working: true, ownEntry: false },
    ]);
  });

  it("the president sets local days off and extra working days; the country's own answer drops the entry", async () => {
    const president = t.as("president@cn-sh.demo");
    const { setWorkingCalendar } = await president.data(SET, {
      dates: [
        { date: "2026-03-03", working: false },
        { date: "2026-03-07", working: true },
        { date: "2026-03-04", working: true },
      ],
    });
    expect(setWorkingCalendar).toEqual([
      { date: "2026-03-03", working: false, ownEntry: true },
      { date: "2026-03-07", working: true, ownEntry: true },
      { date: "2026-03-04", working: true, ownEntry: false },
    ]);
    const { workingCalendar: days } = await president.data(LIST, { from: "2026-03-02", to: "2026-03-08" });
    expect(days.filter((d: any) => d.working).map((d: any) => d.date)).toEqual(["2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]);
    await president.data(SET, { dates: [{ date: "2026-03-03", working: true }] });
    const { rows } = await t.database.owner.query("SELECT to_char(day, 'YYYY-MM-DD') AS day FROM working_calendar_days w JOIN tenants t ON t.id = w.tenant_id WHERE t.code = 'CN-SH'");
    expect(rows.map((r: any) => r.day)).toEqual(["2026-03-07"]);
  });

  it.each(["staff@cn-sh.demo", "auditor@hq.demo", "consultant@cn-sh.demo"])("%s may not set the calendar", async (email) => {
    expect(errorCode(await t.as(email).query(SET, { dates: [{ date: "2026-03-10", working: false }] }))).toBe("FORBIDDEN");
  });

  it("a date that is no calendar date is BAD_USER_INPUT on its field, and nothing is written", async () => {
    const response = await t.as("president@cn-sh.demo").query(SET, {
      dates: [
        { date: "2026-03-11", working: false },
        { date: "2026-02-30", working: false },
      ],
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect((response.errors![0].extensions as any).fields.map((f: any) => f.field)).toEqual(["dates.1.date"]);
    const { rows } = await t.database.owner.query("SELECT 1 FROM working_calendar_days WHERE day = '2026-03-11'");
    expect(rows).toEqual([]);
  });

  it("a sibling's calendar is not the caller's to read", async () => {
    const { rows } = await t.database.owner.query("SELECT id FROM tenants WHERE code = 'CN-SZ'");
    expect(errorCode(await t.as("president@cn-sh.demo").query(LIST, { from: "2026-03-01", to: "2026-03-02", tenantId: rows[0].id }))).toBe("NOT_FOUND");
  });

  it("a case opened now has its response target counted on the serving tenant's calendar, own days off included", async () => {
    const president = t.as("president@cn-sz.demo");
    const today = localDate(new Date(), "Asia/Shanghai");
    const daysOff = [0, 1, 2, 3].map((n) => ({ date: addCalendarDays(today, n), working: false }));
    await president.data(SET, { dates: daysOff });
    const consultant = t.as("consultant@cn-sz.demo");
    const client = (await consultant.data(`mutation { createClient(input: { name: "Calendar client", industry: "Retail" }) { id } }`)).createClient.id;
    const { openServiceCase } = await consultant.data("mutation($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { responseDueAt } }", {
      input: { clientId: client, tier: "SPECIAL", title: "Calendar case" },
    });
    const ownDays = new Map(daysOff.map((d) => [d.date, false]));
    const calendar = workingCalendar({ timeZone: "Asia/Shanghai", countryCode: "CN", ownDays });
    let firstWorking = addCalendarDays(today, 4);
    while (!calendar.isWorkingDay(firstWorking)) firstWorking = addCalendarDays(firstWorking, 1);
    expect(openServiceCase.responseDueAt).toBe(new Date(startOfLocalDate(firstWorking, "Asia/Shanghai").getTime() + 4 * 3_600_000).toISOString());
  });

  it("an approval step's SLA counts working days of the deciding tenant's calendar", async () => {
    const today = localDate(new Date(), "Asia/Shanghai");
    const daysOff = Array.from({ length: 10 }, (_, n) => ({ date: addCalendarDays(today, n + 1), working: false }));
    await t.as("president@cn-sh.demo").data(SET, { dates: daysOff });
    await t.as("president@cn.demo").data(SET, { dates: daysOff });
    const input = { matter: "Calendar matter", scope: "Everywhere", level: 4, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z" };
    const { requestGrant } = await t.as("staff@cn-sh.demo").data("mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id } }", { input });
    const { rows } = await t.database.owner.query(
      `SELECT s.due_at, s.activated_at, s.deciding_tenant_id FROM approval_steps s JOIN approval_requests r ON r.tenant_id = s.tenant_id AND r.id = s.request_id
        WHERE r.subject_id = $1 AND s.position = 0`,
      [requestGrant.id],
    );
    const calendar = workingCalendar({ timeZone: "Asia/Shanghai", countryCode: "CN", ownDays: new Map(daysOff.map((d) => [d.date, false])) });
    expect(rows[0].due_at.toISOString()).toBe(addWorkingDays(rows[0].activated_at, 2, calendar).toISOString());
    expect(localDate(rows[0].due_at, "Asia/Shanghai") > addCalendarDays(today, 10)).toBe(true);
  });
});
