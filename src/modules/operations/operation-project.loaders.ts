import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { OperationProject, ProjectCost, SupervisionCheck } from "./operation-project.entity";

export function createOperationLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    operationProjectById: rows.byId(OperationProject),
    supervisionCheckById: rows.byId(SupervisionCheck),
    checksByProjectId: rows.groupedBy(SupervisionCheck, "projectId", "checkedAt", "id"),
    costsByProjectId: rows.groupedBy(ProjectCost, "projectId", "incurredOn", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    operations: ReturnType<typeof createOperationLoaders>;
  }
}
