import { TenantStatus } from "../../context/tenant-kind";
import { conflict } from "../../shared/errors";
import { t } from "../../shared/messages";

/** What a centre does to its partner's status (seed 003 §2 "dynamic management"). */
export enum PartnerStatusAction {
  SUSPEND = "SUSPEND",
  REINSTATE = "REINSTATE",
  TERMINATE = "TERMINATE",
}

/** Each action: the statuses it starts from and the one it leads to. Admission (APPLIED → ACTIVE) is the approval of a qualification file. */
export const PARTNER_STATUS_ACTIONS: Record<PartnerStatusAction, { from: readonly TenantStatus[]; to: TenantStatus }> = {
  [PartnerStatusAction.SUSPEND]: { from: [TenantStatus.ACTIVE], to: TenantStatus.SUSPENDED },
  [PartnerStatusAction.REINSTATE]: { from: [TenantStatus.SUSPENDED], to: TenantStatus.ACTIVE },
  [PartnerStatusAction.TERMINATE]: { from: [TenantStatus.APPLIED, TenantStatus.ACTIVE, TenantStatus.SUSPENDED], to: TenantStatus.TERMINATED },
};

/** The status an action leads to from `current`; CONFLICT when the action does not apply. */
export function nextPartnerStatusOrThrow(current: TenantStatus, action: PartnerStatusAction): TenantStatus {
  const { from, to } = PARTNER_STATUS_ACTIONS[action];
  if (!from.includes(current)) throw conflict(t("Cannot {action, select, SUSPEND {suspend} REINSTATE {reinstate} other {terminate}} a {status} partner", { action, status: current }), { status: current });
  return to;
}
