import { addWorkingDays } from "../../src/modules/approvals/approval-sla";
import { workingCalendar } from "../../src/modules/calendars/working-calendar";
import { responseDueAt } from "../../src/modules/cases/response-targets";
import { ServiceTier } from "../../src/modules/cases/service-step";
import { DEFAULT_RESPONSE_TARGET_HOURS } from "../../src/modules/cases/response-targets";

const china = workingCalendar({ timeZone: "Asia/Shanghai", countryCode: "CN", ownDays: new Map() });
const malaysia = workingCalendar({ timeZone: "Asia/Kuala_Lumpur", countryCode: "MY", ownDays: new Map() });
const due = (from: string, days: number, calendar = china) => addWorkingDays(new Date(from), days, calendar).toISOString();
const at = (local: string) => new Date(local).toISOString();

describe("SLA working days follow the deciding tenant's country: the official 2026 China schedule", () => {
  it("the Spring Festival week (Feb 15–23) is off and Saturday Feb 14 is a make-up working day", () => {
    expect(due("2026-02-12T10:00:00+08:00", 1)).toBe(at("2026-02-13T10:00:00+08:00"));
    expect(due("2026-02-12T10:00:00+08:00", 2)).toBe(at("2026-02-14T10:00:00+08:00"));
    expect(due("2026-02-12T10:00:00+08:00", 3)).toBe(at("2026-02-24T10:00:00+08:00"));
    expect(due("2026-02-12T10:00:00+08:00", 5)).toBe(at("2026-02-26T10:00:00+08:00"));
  });

  it("Saturday Feb 28 is a make-up working day after the Spring Festival", () => {
    expect(due("2026-02-26T09:30:00+08:00", 2)).toBe(at("2026-02-28T09:30:00+08:00"));
    expect(due("2026-02-27T09:30:00+08:00", 2)).toBe(at("2026-03-02T09:30:00+08:00"));
  });

  it("a request made during the holiday counts from the first working day after it", () => {
    expect(due("2026-02-18T15:00:00+08:00", 1)).toBe(at("2026-02-24T15:00:00+08:00"));
  });

  it("National Day (Oct 1–7) is off, with Sunday Sep 20 and Saturday Oct 10 working", () => {
    expect(due("2026-09-18T09:00:00+08:00", 1)).toBe(at("2026-09-20T09:00:00+08:00"));
    expect(due("2026-09-18T09:00:00+08:00", 2)).toBe(at("2026-09-21T09:00:00+08:00"));
    expect(due("2026-09-30T09:00:00+08:00", 1)).toBe(at("2026-10-08T09:00:00+08:00"));
    expect(due("2026-09-30T09:00:00+08:00", 3)).toBe(at("2026-10-10T09:00:00+08:00"));
    expect(due("2026-09-30T09:00:00+08:00", 4)).toBe(at("2026-10-12T09:00:00+08:00"));
  });

  it("the day is the deciding tenant's local day: 20:00 UTC on Sep 30 is already 04:00 on Oct 1 in Shanghai", () => {
    expect(due("2026-09-30T20:00:00Z", 1)).toBe(at("2026-10-08T04:00:00+08:00"));
  });

  it("New Year Jan 1–3 is off and Sunday Jan 4 is worked", () => {
    expect(due("2025-12-31T10:00:00+08:00", 1)).toBe(at("2026-01-04T10:00:00+08:00"));
  });

  it("Labour Day May 1–5 is off and Saturday May 9 is worked", () => {
    expect(due("2026-04-30T10:00:00+08:00", 1)).toBe(at("2026-05-06T10:00:00+08:00"));
    expect(due("2026-05-08T10:00:00+08:00", 1)).toBe(at("2026-05-09T10:00:00+08:00"));
  });

  it("Malaysia follows its own public holidays: National Day Aug 31 is off, a Chinese make-up Saturday is not worked", () => {
    expect(due("2026-08-28T10:00:00+08:00", 1, malaysia)).toBe(at("2026-09-01T10:00:00+08:00"));
    expect(due("2026-02-13T10:00:00+08:00", 1, malaysia)).toBe(at("2026-02-16T10:00:00+08:00"));
  });

  it("a tenant's own day off moves the due date, and its own working day counts", () => {
    const withOwnDays = workingCalendar({
      timeZone: "Asia/Shanghai",
      countryCode: "CN",
      ownDays: new Map([
        ["2026-03-03", false],
        ["2026-03-07", true],
      ]),
    });
    expect(due("2026-03-02T10:00:00+08:00", 1, withOwnDays)).toBe(at("2026-03-04T10:00:00+08:00"));
    expect(due("2026-03-06T10:00:00+08:00", 1, withOwnDays)).toBe(at("2026-03-07T10:00:00+08:00"));
  });

  it("without a calendar the count stays Monday to Friday in UTC", () => {
    expect(addWorkingDays(new Date("2026-02-13T10:00:00Z"), 1).toISOString()).toBe("2026-02-16T10:00:00.000Z");
  });
});

describe("response targets count hours on working days only", () => {
  const dueAt = (openedAt: string, tier: ServiceTier) => responseDueAt(new Date(openedAt), tier, DEFAULT_RESPONSE_TARGET_HOURS, china).toISOString();

  it("a key case opened on Friday evening before the Spring Festival is due on the make-up Saturday", () => {
    expect(dueAt("2026-02-13T18:00:00+08:00", ServiceTier.KEY)).toBe(at("2026-02-14T18:00:00+08:00"));
  });

  it("a general case's 48 hours stop over the Spring Festival and run again on Feb 24", () => {
    expect(dueAt("2026-02-13T18:00:00+08:00", ServiceTier.GENERAL)).toBe(at("2026-02-24T18:00:00+08:00"));
  });

  it("a special case opened on National Day is due four hours into Oct 8", () => {
    expect(dueAt("2026-10-03T11:00:00+08:00", ServiceTier.SPECIAL)).toBe(at("2026-10-08T04:00:00+08:00"));
  });

  it("a case opened on a working day whose target ends the same day keeps the clock hours", () => {
    expect(dueAt("2026-03-04T09:00:00+08:00", ServiceTier.SPECIAL)).toBe(at("2026-03-04T13:00:00+08:00"));
  });
});
