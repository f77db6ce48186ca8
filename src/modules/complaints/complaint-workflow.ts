import { conflict } from "../../shared/errors";
import { ComplaintStatus } from "./complaint.entity";
import { t } from "../../shared/messages";

/**
 * The centre's moves. Seed 003 §7: investigate, then negotiate; if negotiation fails, mediation
 * or arbitration (seed 000 §6), and a failed mediation may still go to arbitration; after
 * arbitration, litigation (仲裁或诉讼). A settlement can be reached at any of these stages. A
 * resolved dispute is reopened into negotiation (进一步沟通协商) within DISPUTE_REOPEN_DAYS.
 */
export const COMPLAINT_TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  [ComplaintStatus.OPEN]: [ComplaintStatus.INVESTIGATING],
  [ComplaintStatus.INVESTIGATING]: [ComplaintStatus.NEGOTIATION],
  [ComplaintStatus.NEGOTIATION]: [ComplaintStatus.MEDIATION, ComplaintStatus.ARBITRATION, ComplaintStatus.RESOLVED],
  [ComplaintStatus.MEDIATION]: [ComplaintStatus.ARBITRATION, ComplaintStatus.RESOLVED],
  [ComplaintStatus.ARBITRATION]: [ComplaintStatus.LITIGATION, ComplaintStatus.RESOLVED],
  [ComplaintStatus.LITIGATION]: [ComplaintStatus.RESOLVED],
  [ComplaintStatus.RESOLVED]: [ComplaintStatus.NEGOTIATION],
};

export function canMoveComplaint(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from].includes(to);
}

/** CONFLICT, with the current status, for a move the table does not allow. */
export function assertComplaintMoveOrThrow(from: ComplaintStatus, to: ComplaintStatus): void {
  if (!canMoveComplaint(from, to)) {
    throw conflict(t("A complaint in {from} cannot move to {to}", { from, to }), { status: from, allowed: COMPLAINT_TRANSITIONS[from] });
  }
}
