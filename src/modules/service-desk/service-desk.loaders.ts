import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { Revisit } from "./revisit.entity";
import { ServiceRequest, ServiceRequestTransition } from "./service-request.entity";

export function createServiceDeskLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    serviceRequestById: rows.byId(ServiceRequest),
    transitionsByRequestId: rows.groupedBy(ServiceRequestTransition, "requestId", "at", "id"),
    revisitById: rows.byId(Revisit),
    requestsByClientId: rows.groupedBy(ServiceRequest, "clientId", "raisedAt", "id"),
    requestsByCaseId: rows.groupedBy(ServiceRequest, "caseId", "raisedAt", "id"),
    revisitsByCaseId: rows.groupedBy(Revisit, "caseId", "dueAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    serviceDesk: ReturnType<typeof createServiceDeskLoaders>;
  }
}
