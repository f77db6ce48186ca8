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

registerEnumType(ApprovalStatus, {
  name: "ApprovalStatus",
  description: "Where an approval request stands",
  valuesConfig: {
    PENDING: { description: "A step is waiting for its decision" },
    APPROVED: { description: "Every step approved; the subject takes the outcome" },
    REJECTED: { description: "A step rejected it, with a reason" },
    WITHDRAWN: { description: "The requester took it back before any decision" },
  },
});
registerEnumType(ApprovalDecision, {
  name: "ApprovalDecision",
  description: "What a decider does with the current step",
  valuesConfig: {
    APPROVE: { description: "Approve the step; the next step (if any) becomes current" },
    REJECT: { description: "Reject the request; needs a reason" },
    ESCALATE: { description: "Hand the step to the requester's direct parent, where the policy allows" },
  },
});
registerEnumType(ApprovalStepStatus, {
  name: "ApprovalStepStatus",
  description: "Where one step of an approval chain stands",
  valuesConfig: {
    WAITING: { description: "Not reached yet" },
    PENDING: { description: "The current step, waiting for its decision" },
    APPROVED: { description: "Approved" },
    REJECTED: { description: "Rejected" },
    ESCALATED: { description: "Handed to the parent's step, by a decider or by the SLA job" },
    WITHDRAWN: { description: "Ended by the requester's withdrawal" },
  },
});
