import { CONTRACT_ACTIONS, CONTRACT_TRANSITIONS, assertContractActionOrThrow, assertContractMoveOrThrow, canMoveContract } from "../../src/modules/contracts/contract-lifecycle";
import { ContractStatus } from "../../src/modules/contracts/contract.entity";

const ALL = Object.values(ContractStatus);
/** Seed 003 §3, written down by hand. */
const ALLOWED = new Set([
  "DRAFT→LEGAL_REVIEW",
  "LEGAL_REVIEW→SIGNED",
  "LEGAL_REVIEW→DRAFT",
  "SIGNED→AMENDED",
  "SIGNED→TERMINATED",
  "AMENDED→AMENDED",
  "AMENDED→TERMINATED",
]);

describe("the contract transition table", () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s is allowed only if listed", (from, to) => {
    const allowed = ALLOWED.has(`${from}→${to}`);
    expect(canMoveContract(from, to)).toBe(allowed);
    if (allowed) expect(() => assertContractMoveOrThrow({ status: from }, to)).not.toThrow();
    else expect(() => assertContractMoveOrThrow({ status: from }, to)).toThrow(expect.objectContaining({ code: "CONFLICT", details: expect.objectContaining({ status: from }) }));
  });

  it("a terminated contract has no way out and allows nothing but the settlement of what it covered", () => {
    expect(CONTRACT_TRANSITIONS.TERMINATED).toEqual([]);
    const allowedWhenTerminated = Object.entries(CONTRACT_ACTIONS).filter(([, statuses]) => (statuses as readonly string[]).includes("TERMINATED"));
    expect(allowedWhenTerminated.map(([action]) => action)).toEqual(["settled"]);
  });

  it.each(Object.keys(CONTRACT_ACTIONS).flatMap((action) => ALL.map((status) => [action, status] as const)))(
    "%s is refused with CONFLICT unless the contract is in a status that allows it (%s)",
    (action, status) => {
      const allowed = (CONTRACT_ACTIONS[action as keyof typeof CONTRACT_ACTIONS] as readonly string[]).includes(status);
      const attempt = () => assertContractActionOrThrow({ status }, action as keyof typeof CONTRACT_ACTIONS);
      if (allowed) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(expect.objectContaining({ code: "CONFLICT", details: { status } }));
    },
  );
});
