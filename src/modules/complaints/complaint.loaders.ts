import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { Complaint, ComplaintEvent } from "./complaint.entity";

/** Complaints live in the provider's tenant; its centre reads them as the handling side. */
export function createComplaintLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting, inVisibleTenantsOrChildren);
  return {
    complaintById: rows.byId(Complaint),
    complaintsByTenantId: rows.groupedBy(Complaint, "tenantId", "createdAt", "id"),
    complaintEventsByComplaintId: rows.groupedBy(ComplaintEvent, "complaintId", "createdAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    complaints: ReturnType<typeof createComplaintLoaders>;
  }
}
