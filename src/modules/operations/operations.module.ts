import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { operationsNodes } from "./operations.nodes";
import { createOperationLoaders } from "./operation-project.loaders";
import { operationsRules } from "./operations.rules";
import {
  OperationProjectResolver,
  OverdueProjectTasksResolver,
  ProjectCostResolver,
  ProjectTaskResolver,
  RectificationNoticeResolver,
  SupervisionCheckResolver,
} from "./operation-project.resolver";
import { OperationProject, ProjectCost, ProjectTask, RectificationNotice, SupervisionCheck } from "./operation-project.entity";
import { OPERATION_PLAN_APPROVAL_POLICY } from "./operation-plan.policy";
import { OPERATIONS_SETTINGS } from "./operations-settings";

/** Hosted-operation projects of seed 004 §3, from intake through the reviewed plan, tasks and rectifications to acceptance. */
export const operationsModule: ModuleDescriptor = {
  name: "operations",
  entities: [OperationProject, ProjectCost, SupervisionCheck, ProjectTask, RectificationNotice],
  resolvers: [
    OperationProjectResolver,
    ProjectCostResolver,
    SupervisionCheckResolver,
    ProjectTaskResolver,
    RectificationNoticeResolver,
    OverdueProjectTasksResolver,
  ],
  rules: operationsRules,
  loaders: { operations: createOperationLoaders },
  approvalPolicies: [OPERATION_PLAN_APPROVAL_POLICY],
  settings: OPERATIONS_SETTINGS,
  nodeTypes: operationsNodes,
};
