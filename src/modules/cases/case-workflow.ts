import { conflict } from "../../shared/errors";
import { CertificationResult, CertificationStatus, PlanStatus, ServiceStep } from "./service-step";
import { t } from "../../shared/messages";

/** The ten steps in order; each step's only forward move is to the next one. */
export const STEP_ORDER: readonly ServiceStep[] = Object.values(ServiceStep);

/** What the records of a case show, as far as the workflow cares. */
export interface CaseEvidence {
  needsRecords: number;
  planVersions: number;
  latestPlanStatus: PlanStatus | null;
  tasks: number;
  serviceRecords: number;
  handovers: number;
  unacknowledgedHandovers: number;
  certificationReviews: number;
  latestCertificationStatus: CertificationStatus | null;
  latestCertificationResult: CertificationResult | null;
  evaluations: number;
}

interface Requirement {
  missing: string;
  met(evidence: CaseEvidence): boolean;
}

/** The records a step needs before it may be entered going forward. */
const ENTRY_REQUIREMENTS: Record<ServiceStep, Requirement[]> = {
  [ServiceStep.INTAKE]: [],
  [ServiceStep.PROFILED]: [{ missing: "a needs intake record", met: (e) => e.needsRecords > 0 }],
  [ServiceStep.PLAN_DRAFTED]: [{ missing: "a drafted plan version", met: (e) => e.planVersions > 0 }],
  [ServiceStep.PLAN_CONFIRMED]: [
    { missing: "a confirmed latest plan version", met: (e) => e.latestPlanStatus === PlanStatus.CONFIRMED },
  ],
  [ServiceStep.EXECUTION_PLANNED]: [{ missing: "an execution task", met: (e) => e.tasks > 0 }],
  [ServiceStep.IN_SERVICE]: [],
  [ServiceStep.MATERIALS_TRANSFERRED]: [
    { missing: "a service record", met: (e) => e.serviceRecords > 0 },
    { missing: "a material hand-over", met: (e) => e.handovers > 0 },
  ],
  [ServiceStep.CERTIFICATION]: [
    { missing: "every hand-over acknowledged", met: (e) => e.handovers > 0 && e.unacknowledgedHandovers === 0 },
    { missing: "a scheduled certification review", met: (e) => e.certificationReviews > 0 },
  ],
  [ServiceStep.EVALUATED]: [
    {
      missing: "a completed certification review",
      met: (e) => e.latestCertificationStatus === CertificationStatus.COMPLETED,
    },
    { missing: "a quality evaluation", met: (e) => e.evaluations > 0 },
  ],
  [ServiceStep.ARCHIVED]: [{ missing: "a quality evaluation", met: (e) => e.evaluations > 0 }],
};

/** The only backward moves, each with the record that justifies it. */
const BACKWARD_MOVES: { from: ServiceStep; to: ServiceStep; requirement: Requirement }[] = [
  {
    from: ServiceStep.PLAN_CONFIRMED,
    to: ServiceStep.PLAN_DRAFTED,
    requirement: { missing: "a change request on the latest plan version", met: (e) => e.latestPlanStatus === PlanStatus.CHANGES_REQUESTED },
  },
  {
    from: ServiceStep.CERTIFICATION,
    to: ServiceStep.IN_SERVICE,
    requirement: { missing: "a failed certification review", met: (e) => e.latestCertificationResult === CertificationResult.FAILED },
  },
];

export function nextStep(step: ServiceStep): ServiceStep | null {
  return STEP_ORDER[STEP_ORDER.indexOf(step) + 1] ?? null;
}

/** Whether the move exists at all in the table, records aside. */
export function isKnownTransition(from: ServiceStep, to: ServiceStep): boolean {
  return nextStep(from) === to || BACKWARD_MOVES.some((move) => move.from === from && move.to === to);
}

/** The records still missing for the move; empty when it may happen. Throws nothing. */
export function missingForTransition(from: ServiceStep, to: ServiceStep, evidence: CaseEvidence): string[] {
  const backward = BACKWARD_MOVES.find((move) => move.from === from && move.to === to);
  const requirements = backward ? [backward.requirement] : ENTRY_REQUIREMENTS[to];
  return requirements.filter((requirement) => !requirement.met(evidence)).map((requirement) => requirement.missing);
}

/** CONFLICT for a move the table does not have, or one whose records are missing. */
export function assertCanTransitionOrThrow(from: ServiceStep, to: ServiceStep, evidence: CaseEvidence): void {
  if (!isKnownTransition(from, to)) {
    throw conflict(t("A case cannot move from {from} to {to}", { from, to }), { from, to, allowed: allowedTargets(from) });
  }
  const missing = missingForTransition(from, to, evidence);
  if (missing.length > 0) {
    throw conflict(t("A case cannot enter {to} without {missing}", { to, missing: missing.map((record) => t(record)) }), { from, to, missing });
  }
}

export function allowedTargets(from: ServiceStep): ServiceStep[] {
  const forward = nextStep(from);
  const backward = BACKWARD_MOVES.filter((move) => move.from === from).map((move) => move.to);
  return [...(forward ? [forward] : []), ...backward];
}

/** Which steps a record kind may still be written in (an archived case takes nothing). */
export const RECORD_WINDOWS = {
  needs: [ServiceStep.INTAKE, ServiceStep.PROFILED],
  plan: [ServiceStep.PROFILED, ServiceStep.PLAN_DRAFTED],
  planDecision: [ServiceStep.PLAN_DRAFTED, ServiceStep.PLAN_CONFIRMED],
  task: [ServiceStep.PLAN_CONFIRMED, ServiceStep.EXECUTION_PLANNED, ServiceStep.IN_SERVICE, ServiceStep.MATERIALS_TRANSFERRED, ServiceStep.CERTIFICATION],
  serviceRecord: [ServiceStep.EXECUTION_PLANNED, ServiceStep.IN_SERVICE],
  handover: [ServiceStep.IN_SERVICE, ServiceStep.MATERIALS_TRANSFERRED],
  certification: [ServiceStep.MATERIALS_TRANSFERRED, ServiceStep.CERTIFICATION],
  evaluation: [ServiceStep.CERTIFICATION],
} satisfies Record<string, ServiceStep[]>;

export type RecordKind = keyof typeof RECORD_WINDOWS;

export function assertRecordWindowOrThrow(kind: RecordKind, step: ServiceStep): void {
  const window: readonly ServiceStep[] = RECORD_WINDOWS[kind];
  if (!window.includes(step)) {
    throw conflict(t("This record cannot be written while the case is {step}", { step }), { step, allowedSteps: window });
  }
}
