import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { operationsNodes } from "./operations.nodes";
import { createOperationLoaders } from "./operation-project.loaders";
import { operationsRules } from "./operations.rules";
import { OperationProjectResolver, ProjectCostResolver } from "./operation-project.resolver";
import { OperationProject, ProjectCost, SupervisionCheck } from "./operation-project.entity";

/** Hosted-operation projects of seed 004 §3, from intake to acceptance. */
export const operationsModule: ModuleDescriptor = {
  name: "operations",
  entities: [OperationProject, ProjectCost, SupervisionCheck],
  resolvers: [OperationProjectResolver, ProjectCostResolver],
  rules: operationsRules,
  loaders: { operations: createOperationLoaders },
  nodeTypes: operationsNodes,
};
