import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { ApprovalDelegation } from "./approval-delegation.entity";
import { Membership } from "../identity/membership.entity";

/** Approval rows are read in the visible tenants and, for deciding, in the direct children. */
export function createApprovalLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  return {
    approvalRequestById: rows.byId(ApprovalRequest),
    approvalStepsByRequestId: rows.groupedBy(ApprovalStep, "requestId", "position"),
    approvalDelegationById: tenantRowLoaders(db, acting).byId(ApprovalDelegation),
    /** The members a delegation names (RLS: the visible tenants' memberships). */
    membershipById: tenantRowLoaders(db, acting).byId(Membership),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    approvals: ReturnType<typeof createApprovalLoaders>;
  }
}
