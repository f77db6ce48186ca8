import { splitByMonths } from "../../src/modules/reporting/network-report.service";

const at = (text: string) => new Date(text);

describe("splitting a report period into whole UTC months and partial ends", () => {
  it("no period: every month from the rollups, nothing from the case rows", () => {
    expect(splitByMonths()).toEqual({ wholeMonths: { from: null, to: null }, partialMonths: [] });
  });

  it("month-aligned ends: whole months only", () => {
    expect(splitByMonths(at("2026-02-01T00:00:00Z"), at("2026-04-01T00:00:00Z"))).toEqual({
      wholeMonths: { from: at("2026-02-01T00:00:00Z"), to: at("2026-04-01T00:00:00Z") },
      partialMonths: [],
    });
  });

  it("ends inside months: the partial head and tail come from the case rows", () => {
    expect(splitByMonths(at("2026-01-15T12:00:00Z"), at("2026-03-10T06:30:00Z"))).toEqual({
      wholeMonths: { from: at("2026-02-01T00:00:00Z"), to: at("2026-03-01T00:00:00Z") },
      partialMonths: [
        { from: at("2026-01-15T12:00:00Z"), to: at("2026-02-01T00:00:00Z") },
        { from: at("2026-03-01T00:00:00Z"), to: at("2026-03-10T06:30:00Z") },
      ],
    });
  });

  it("a period inside one month has no whole month: all of it from the case rows", () => {
    const from = at("2026-02-10T00:00:00Z");
    const to = at("2026-02-20T00:00:00Z");
    expect(splitByMonths(from, to)).toEqual({ wholeMonths: null, partialMonths: [{ from, to }] });
  });

  it("an open end keeps the whole months open on that side", () => {
    expect(splitByMonths(at("2026-02-15T00:00:00Z"))).toEqual({
      wholeMonths: { from: at("2026-03-01T00:00:00Z"), to: null },
      partialMonths: [{ from: at("2026-02-15T00:00:00Z"), to: at("2026-03-01T00:00:00Z") }],
    });
    expect(splitByMonths(undefined, at("2026-02-20T12:00:00Z"))).toEqual({
      wholeMonths: { from: null, to: at("2026-02-01T00:00:00Z") },
      partialMonths: [{ from: at("2026-02-01T00:00:00Z"), to: at("2026-02-20T12:00:00Z") }],
    });
  });
});
