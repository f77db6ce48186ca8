import { conflict } from "../../shared/errors";
import { t } from "../../shared/messages";
import { ServiceRequestStatus } from "./service-request.entity";

/** The moves of a problem or complaint, each one mutation; reopening is how a client disagrees. */
export enum ServiceRequestAction {
  START = "START",
  RESOLVE = "RESOLVE",
  CLOSE = "CLOSE",
  REOPEN = "REOPEN",
}

/** Where each move may start and where it leads. */
export const SERVICE_REQUEST_ACTIONS: Record<ServiceRequestAction, { from: readonly ServiceRequestStatus[]; to: ServiceRequestStatus }> = {
  [ServiceRequestAction.START]: { from: [ServiceRequestStatus.OPEN], to: ServiceRequestStatus.IN_PROGRESS },
  [ServiceRequestAction.RESOLVE]: { from: [ServiceRequestStatus.IN_PROGRESS], to: ServiceRequestStatus.RESOLVED },
  [ServiceRequestAction.CLOSE]: { from: [ServiceRequestStatus.RESOLVED], to: ServiceRequestStatus.CLOSED },
  [ServiceRequestAction.REOPEN]: { from: [ServiceRequestStatus.RESOLVED, ServiceRequestStatus.CLOSED], to: ServiceRequestStatus.IN_PROGRESS },
};

export function canTakeAction(from: ServiceRequestStatus, action: ServiceRequestAction): boolean {
  return SERVICE_REQUEST_ACTIONS[action].from.includes(from);
}

/** The status the move leads to; CONFLICT, with the current status, where the table does not allow it. */
export function assertActionOrThrow(from: ServiceRequestStatus, action: ServiceRequestAction): ServiceRequestStatus {
  if (!canTakeAction(from, action)) {
    throw conflict(t("A service request in {from} cannot {action, select, START {start} RESOLVE {resolve} CLOSE {close} other {reopen}}", { from, action }), {
      status: from,
      allowed: Object.values(ServiceRequestAction).filter((a) => canTakeAction(from, a)),
    });
  }
  return SERVICE_REQUEST_ACTIONS[action].to;
}
