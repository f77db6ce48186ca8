import { COMPLAINT_TRANSITIONS, assertComplaintMoveOrThrow, canMoveComplaint } from "../../src/modules/complaints/complaint-workflow";
import { ComplaintStatus } from "../../src/modules/complaints/complaint.entity";
import { fitsWithin, parseMinorUnitsOrThrow } from "../../src/modules/contracts/minor-units";

const ALL = Object.values(ComplaintStatus);
const ALLOWED = new Set([
  "OPEN→INVESTIGATING",
  "INVESTIGATING→NEGOTIATION",
  "NEGOTIATION→MEDIATION",
  "NEGOTIATION→ARBITRATION",
  "NEGOTIATION→RESOLVED",
  "MEDIATION→ARBITRATION",
  "MEDIATION→RESOLVED",
  "ARBITRATION→RESOLVED",
]);

describe("the complaint transition table", () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s is allowed only if listed", (from, to) => {
    const allowed = ALLOWED.has(`${from}→${to}`);
    expect(canMoveComplaint(from, to)).toBe(allowed);
    if (allowed) expect(() => assertComplaintMoveOrThrow(from, to)).not.toThrow();
    else expect(() => assertComplaintMoveOrThrow(from, to)).toThrow(expect.objectContaining({ code: "CONFLICT", details: expect.objectContaining({ status: from }) }));
  });

  it("a resolved complaint has no way out", () => {
    expect(COMPLAINT_TRANSITIONS.RESOLVED).toEqual([]);
  });
});

describe("minor-unit arithmetic", () => {
  it("parses digits exactly up to 2^63-1 and refuses everything else", () => {
    expect(parseMinorUnitsOrThrow("9223372036854775807", "a")).toBe(9223372036854775807n);
    expect(parseMinorUnitsOrThrow("1", "a")).toBe(1n);
    for (const bad of ["0", "-1", "1.0", "1e3", " 1", "", "9223372036854775808", "99999999999999999999"]) {
      expect(() => parseMinorUnitsOrThrow(bad, "a")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
  });

  it("a claim equal to the rest fits, one minor unit more does not, also beyond 2^53", () => {
    expect(fitsWithin({ claimed: 5n, amount: 5n, limit: 10n })).toBe(true);
    expect(fitsWithin({ claimed: 5n, amount: 6n, limit: 10n })).toBe(false);
    const limit = 9223372036854775807n;
    expect(fitsWithin({ claimed: limit - 1n, amount: 1n, limit })).toBe(true);
    expect(fitsWithin({ claimed: limit, amount: 1n, limit })).toBe(false);
  });
});
