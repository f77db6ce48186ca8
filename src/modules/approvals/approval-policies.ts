import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { ApprovalRequest } from "./approval-request.entity";

/** Who decides one step: the requester's own tenant or its direct parent, never further up. */
export interface StepSpec {
  tenant: "OWN" | "PARENT";
  minAuthorityLevel: number;
}

/** How a subject type is decided; adding a subject type is one of these and one register call. */
export interface ApprovalPolicy {
  subjectType: string;
  /** The chain for a request of this level; PARENT steps are dropped for head office. */
  chain(level: number): StepSpec[];
  /** The authority level a parent step needs when an own-tenant step escalates; null: no escalation. */
  escalationLevel(level: number): number | null;
  /** Whether a step past its SLA escalates by itself (when escalation is allowed). */
  escalatesOnSla: boolean;
  /** The subject receives the outcome inside the deciding transaction. */
  onDecided(outcome: ApprovalOutcome): Promise<void>;
  /** Called when a step other than the last is approved (e.g. a settlement becomes REVIEWED). */
  onStepApproved?(progress: ApprovalProgress): Promise<void>;
}

export interface ApprovalProgress {
  db: EntityManager;
  acting: ActingContext;
  request: ApprovalRequest;
  /** Position of the step just approved. */
  position: number;
}

export interface ApprovalOutcome {
  db: EntityManager;
  /** The decider; null when a job decided. */
  acting: ActingContext | null;
  request: ApprovalRequest;
  result: "APPROVED" | "REJECTED" | "WITHDRAWN";
}

const POLICIES = new Map<string, ApprovalPolicy>();

export function registerApprovalPolicy(policy: ApprovalPolicy): void {
  if (POLICIES.has(policy.subjectType)) throw new Error(`Approval policy ${policy.subjectType} registered twice`);
  POLICIES.set(policy.subjectType, policy);
}

export function approvalPolicyOrThrow(subjectType: string): ApprovalPolicy {
  const policy = POLICIES.get(subjectType);
  if (!policy) throw new Error(`No approval policy for ${subjectType}`);
  return policy;
}

export function registeredApprovalPolicies(): ApprovalPolicy[] {
  return [...POLICIES.values()];
}
