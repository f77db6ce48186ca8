import { type NodeType, loadedBy } from "../nodes/node";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";
import { ApprovalDelegation } from "./approval-delegation.entity";

export const approvalNodes: NodeType[] = [
  loadedBy(ApprovalRequest, (session) => session.loaders.approvals.approvalRequestById),
  { type: ApprovalStep },
  loadedBy(ApprovalDelegation, (session) => session.loaders.approvals.approvalDelegationById),
];
