import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { approvalNodes } from "./approval.nodes";
import { createApprovalLoaders } from "./approval.loaders";
import { approvalRules } from "./approval.rules";
import { ApprovalRequestResolver, ApprovalStepResolver } from "./approval.resolver";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { APPROVAL_SETTINGS, approvalEscalationJob } from "./approval-settings";
import { useApprovalPolicies } from "./approval-policies";
import { ApprovalDelegation } from "./approval-delegation.entity";
import { ApprovalDelegationResolver } from "./approval-delegation.resolver";

/** The one engine for every upward decision: chains of steps, decisions (by role, grant or delegation), SLA escalation. */
export const approvalsModule: ModuleDescriptor = {
  name: "approvals",
  entities: [ApprovalRequest, ApprovalStep, ApprovalDelegation],
  resolvers: [ApprovalRequestResolver, ApprovalStepResolver, ApprovalDelegationResolver],
  rules: approvalRules,
  loaders: { approvals: createApprovalLoaders },
  settings: APPROVAL_SETTINGS,
  jobs: [approvalEscalationJob],
  assemble: (modules) => useApprovalPolicies(modules.flatMap((module) => module.approvalPolicies ?? [])),
  nodeTypes: approvalNodes,
};
