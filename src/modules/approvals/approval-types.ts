import { registerEnumType } from "type-graphql";

export enum ApprovalStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}

export enum ApprovalDecision {
  APPROVE = "APPROVE",
  REJECT = "REJECT",
  ESCALATE = "ESCALATE",
}

/** WAITING: not reached yet; PENDING: the current step; the rest: how it ended. */
export enum ApprovalStepStatus {
  WAITING = "WAITING",
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  ESCALATED = "ESCALATED",
  WITHDRAWN = "WITHDRAWN",
}

registerEnumType(ApprovalStatus, { name: "ApprovalStatus" });
registerEnumType(ApprovalDecision, { name: "ApprovalDecision" });
registerEnumType(ApprovalStepStatus, { name: "ApprovalStepStatus" });
