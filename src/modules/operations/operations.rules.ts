import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

const runsOwnProjects = chain(isMember, writesOwnTenant);

export const operationsRules: RuleTree = {
  Query: { operationProjects: isMember, operationProject: isMember, overdueRectificationNotices: isMember },
  Mutation: Object.fromEntries(
    [
      "createOperationProject",
      "planOperationProject",
      "startOperationExecution",
      "recordSupervisionCheck",
      "recordRectification",
      "recordProjectCost",
      "requestProjectAcceptance",
      "decideProjectAcceptance",
      "submitOperationPlan",
      "verifyRectification",
      "addProjectTask",
      "setProjectTaskStatus",
    ].map((name) => [name, runsOwnProjects]),
  ),
  OperationProject: allow,
  OperationProjectConnection: allow,
  OperationProjectEdge: allow,
  SupervisionCheck: allow,
  ProjectCost: allow,
  ProjectBudget: allow,
  ProjectHandOver: allow,
  ProjectTask: allow,
  ProjectTaskConnection: allow,
  ProjectTaskEdge: allow,
  RectificationNotice: allow,
  RectificationNoticeConnection: allow,
  RectificationNoticeEdge: allow,
};
