import { type NodeType, loadedBy } from "../nodes/node";
import { OperationProject, ProjectCost, SupervisionCheck } from "./operation-project.entity";

export const operationsNodes: NodeType[] = [
  loadedBy(OperationProject, (session) => session.loaders.operations.operationProjectById),
  loadedBy(SupervisionCheck, (session) => session.loaders.operations.supervisionCheckById),
  { type: ProjectCost },
];
