import { COMPLAINT_TRANSITIONS, assertComplaintMoveOrThrow, canMoveComplaint } from "../../src/modules/complaints/complaint-workflow";
import { ComplaintStatus } from "../../src/modules/complaints/complaint.entity";

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
  "ARBITRATION→LITIGATION",
  "LITIGATION→RESOLVED",
  "RESOLVED→NEGOTIATION",
]);

describe("the complaint transition table", () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s is allowed only if listed", (from, to) => {
    const allowed = ALLOWED.has(`${from}→${to}`);
    expect(canMoveComplaint(from, to)).toBe(allowed);
    if (allowed) expect(() => assertComplaintMoveOrThrow(from, to)).not.toThrow();
    else expect(() => assertComplaintMoveOrThrow(from, to)).toThrow(expect.objectContaining({ code: "CONFLICT", details: expect.objectContaining({ status: from }) }));
  });

  it("a resolved complaint only reopens into negotiation", () => {
    expect(COMPLAINT_TRANSITIONS.RESOLVED).toEqual(["NEGOTIATION"]);
  });
});
