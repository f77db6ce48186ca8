import { conflict } from "../../shared/errors";
import { ContractStatus } from "./contract.entity";
import { t } from "../../shared/messages";

/**
 * Seed 003 §3: a draft the partner has agreed to goes to legal review; the review signs it or
 * returns it to draft; a signed contract is amended (each agreed amendment keeps it AMENDED)
 * until it is terminated, which is final.
 */
export const CONTRACT_TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  [ContractStatus.DRAFT]: [ContractStatus.LEGAL_REVIEW],
  [ContractStatus.LEGAL_REVIEW]: [ContractStatus.SIGNED, ContractStatus.DRAFT],
  [ContractStatus.SIGNED]: [ContractStatus.AMENDED, ContractStatus.TERMINATED],
  [ContractStatus.AMENDED]: [ContractStatus.AMENDED, ContractStatus.TERMINATED],
  [ContractStatus.TERMINATED]: [],
};

/** What is done to a contract without moving it, and the statuses it may be done in. */
export const CONTRACT_ACTIONS = {
  "edited as a draft": [ContractStatus.DRAFT],
  "answered as a draft": [ContractStatus.DRAFT],
  "amended": [ContractStatus.SIGNED, ContractStatus.AMENDED],
  "settled": [ContractStatus.SIGNED, ContractStatus.AMENDED, ContractStatus.TERMINATED],
} as const satisfies Record<string, readonly ContractStatus[]>;

export type ContractAction = keyof typeof CONTRACT_ACTIONS;

const MOVE_VERBS: Record<ContractStatus, string> = {
  [ContractStatus.DRAFT]: "returned to draft",
  [ContractStatus.LEGAL_REVIEW]: "submitted for legal review",
  [ContractStatus.SIGNED]: "signed",
  [ContractStatus.AMENDED]: "amended",
  [ContractStatus.TERMINATED]: "terminated",
};

export function canMoveContract(from: ContractStatus, to: ContractStatus): boolean {
  return CONTRACT_TRANSITIONS[from].includes(to);
}

/** CONFLICT, with the current status, for a move the table does not allow. */
export function assertContractMoveOrThrow(contract: { status: ContractStatus }, to: ContractStatus): void {
  if (!canMoveContract(contract.status, to)) {
    throw conflict(t("A {status} contract cannot be {action}", { status: contract.status, action: t(MOVE_VERBS[to]) }), { status: contract.status, allowed: CONTRACT_TRANSITIONS[contract.status] });
  }
}

/** CONFLICT, with the current status, for an action the contract's status does not allow. */
export function assertContractActionOrThrow(contract: { status: ContractStatus }, action: ContractAction): void {
  const allowed: readonly ContractStatus[] = CONTRACT_ACTIONS[action];
  if (!allowed.includes(contract.status)) throw conflict(t("A {status} contract cannot be {action}", { status: contract.status, action: t(action) }), { status: contract.status });
}
