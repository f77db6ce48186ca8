import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { OperationProject, ProjectCost, ProjectTask, RectificationNotice, SupervisionCheck } from "./operation-project.entity";

export function createOperationLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    operationProjectById: rows.byId(OperationProject),
    supervisionCheckById: rows.byId(SupervisionCheck),
    checksByProjectId: rows.groupedBy(SupervisionCheck, "projectId", "checkedAt", "id"),
    costsByProjectId: rows.groupedBy(ProjectCost, "projectId", "incurredOn", "id"),
    projectTaskById: rows.byId(ProjectTask),
    tasksByProjectId: rows.groupedBy(ProjectTask, "projectId", "dueOn", "id"),
    rectificationNoticeById: rows.byId(RectificationNotice),
    noticesByProjectId: rows.groupedBy(RectificationNotice, "projectId", "issuedAt", "id"),
    noticesByCheckId: rows.groupedBy(RectificationNotice, "checkId", "issuedAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    operations: ReturnType<typeof createOperationLoaders>;
  }
}
