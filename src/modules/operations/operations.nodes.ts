import { type NodeType, loadedBy } from "../nodes/node";
import { OperationProject, ProjectCost, ProjectTask, RectificationNotice, SupervisionCheck } from "./operation-project.entity";

export const operationsNodes: NodeType[] = [
  loadedBy(OperationProject, (session) => session.loaders.operations.operationProjectById),
  loadedBy(SupervisionCheck, (session) => session.loaders.operations.supervisionCheckById),
  loadedBy(ProjectTask, (session) => session.loaders.operations.projectTaskById),
  loadedBy(RectificationNotice, (session) => session.loaders.operations.rectificationNoticeById),
  { type: ProjectCost },
];
