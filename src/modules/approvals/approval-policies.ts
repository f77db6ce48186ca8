import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import type { ApprovalRequest } from "./approval-request.entity";

/** Who decides one step: the requester's own tenant or its direct parent, never further up. */
export interface StepSpec {
  tenant: "OWN" | "PARENT";
  minAuthorityLevel: number;
}

/** How a subject type is decided; a module adds a subject type by listing one of these in its descriptor. */
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
  /** The decider's whole session (loaders, settings), when a member decided. */
  session?: MemberSession;
}

/** The policies of the app's modules, keyed by subject type; filled when the app is assembled. */
const POLICIES = new Map<string, ApprovalPolicy>();

/** Makes `policies` the engine's subject types (the approvals module's descriptor calls it with every module's). */
export function useApprovalPolicies(policies: readonly ApprovalPolicy[]): void {
  POLICIES.clear();
  for (const policy of policies) {
    if (POLICIES.has(policy.subjectType)) throw new Error(`Two approval policies decide ${policy.subjectType}`);
    POLICIES.set(policy.subjectType, policy);
  }
}

/** Every subject type the engine decides, sorted. */
export function approvalSubjectTypes(): string[] {
  return [...POLICIES.keys()].sort();
}

export function approvalPolicyOrThrow(subjectType: string): ApprovalPolicy {
  const policy = POLICIES.get(subjectType);
  if (!policy) throw new Error(`No approval policy for ${subjectType}`);
  return policy;
}


declare module "../../shared/module-descriptor" {
  interface ModuleDescriptor {
    /** The subject types this module submits to the approvals engine, each with how it is decided. */
    approvalPolicies?: readonly ApprovalPolicy[];
  }
}
