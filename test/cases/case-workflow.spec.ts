import {
  CaseEvidence,
  STEP_ORDER,
  assertCanTransitionOrThrow,
  isKnownTransition,
  missingForTransition,
} from "../../src/modules/cases/case-workflow";
import { CertificationResult, CertificationStatus, PlanStatus, ServiceStep } from "../../src/modules/cases/service-step";
import { AppError } from "../../src/shared/errors";

const S = ServiceStep;
const NO_RECORDS: CaseEvidence = {
  needsRecords: 0,
  planVersions: 0,
  latestPlanStatus: null,
  tasks: 0,
  serviceRecords: 0,
  handovers: 0,
  unacknowledgedHandovers: 0,
  certificationReviews: 0,
  latestCertificationStatus: null,
  latestCertificationResult: null,
  evaluations: 0,
};
/** Every record every forward step needs. */
const ALL_RECORDS: CaseEvidence = {
  needsRecords: 1,
  planVersions: 1,
  latestPlanStatus: PlanStatus.CONFIRMED,
  tasks: 2,
  serviceRecords: 1,
  handovers: 1,
  unacknowledgedHandovers: 0,
  certificationReviews: 1,
  latestCertificationStatus: CertificationStatus.COMPLETED,
  latestCertificationResult: CertificationResult.PASSED,
  evaluations: 1,
};

/** The table written out by hand from seed 001 and the issue: forward one step, two ways back. */
const LEGAL: [ServiceStep, ServiceStep][] = [
  [S.INTAKE, S.PROFILED],
  [S.PROFILED, S.PLAN_DRAFTED],
  [S.PLAN_DRAFTED, S.PLAN_CONFIRMED],
  [S.PLAN_CONFIRMED, S.EXECUTION_PLANNED],
  [S.EXECUTION_PLANNED, S.IN_SERVICE],
  [S.IN_SERVICE, S.MATERIALS_TRANSFERRED],
  [S.MATERIALS_TRANSFERRED, S.CERTIFICATION],
  [S.CERTIFICATION, S.EVALUATED],
  [S.EVALUATED, S.ARCHIVED],
  [S.PLAN_CONFIRMED, S.PLAN_DRAFTED],
  [S.CERTIFICATION, S.IN_SERVICE],
];
const isLegal = (from: ServiceStep, to: ServiceStep) => LEGAL.some(([f, t]) => f === from && t === to);

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe("the service-case transition table", () => {
  const pairs = STEP_ORDER.flatMap((from) => STEP_ORDER.map((to) => [from, to] as const));

  it.each(pairs)("%s → %s is in the table exactly when seed 001 allows it", (from, to) => {
    expect(isKnownTransition(from, to)).toBe(isLegal(from, to));
  });

  it.each(pairs.filter(([from, to]) => !isLegal(from, to)))("%s → %s is refused with CONFLICT, whatever the records", (from, to) => {
    expect(codeOf(() => assertCanTransitionOrThrow(from, to, ALL_RECORDS))).toBe("CONFLICT");
  });

  it.each(LEGAL.filter(([from, to]) => STEP_ORDER.indexOf(to) > STEP_ORDER.indexOf(from)))(
    "%s → %s goes forward once the records exist",
    (from, to) => {
      expect(codeOf(() => assertCanTransitionOrThrow(from, to, ALL_RECORDS))).toBeUndefined();
    },
  );

  it.each([
    [S.PROFILED, "a needs intake record"],
    [S.PLAN_DRAFTED, "a drafted plan version"],
    [S.PLAN_CONFIRMED, "a confirmed latest plan version"],
    [S.EXECUTION_PLANNED, "an execution task"],
    [S.MATERIALS_TRANSFERRED, "a service record"],
    [S.CERTIFICATION, "a scheduled certification review"],
    [S.EVALUATED, "a quality evaluation"],
    [S.ARCHIVED, "a quality evaluation"],
  ])("%s may not be entered without %s", (to, missing) => {
    const from = STEP_ORDER[STEP_ORDER.indexOf(to) - 1];
    expect(missingForTransition(from, to, NO_RECORDS)).toContain(missing);
    expect(codeOf(() => assertCanTransitionOrThrow(from, to, NO_RECORDS))).toBe("CONFLICT");
  });

  it("PLAN_CONFIRMED is reached only from a confirmed plan version, not a proposed or rejected one", () => {
    for (const latestPlanStatus of [PlanStatus.PROPOSED, PlanStatus.CHANGES_REQUESTED]) {
      expect(codeOf(() => assertCanTransitionOrThrow(S.PLAN_DRAFTED, S.PLAN_CONFIRMED, { ...ALL_RECORDS, latestPlanStatus }))).toBe(
        "CONFLICT",
      );
    }
  });

  it("a plan goes back to PLAN_DRAFTED only when the client asked for changes", () => {
    expect(codeOf(() => assertCanTransitionOrThrow(S.PLAN_CONFIRMED, S.PLAN_DRAFTED, ALL_RECORDS))).toBe("CONFLICT");
    const sentBack = { ...ALL_RECORDS, latestPlanStatus: PlanStatus.CHANGES_REQUESTED };
    expect(codeOf(() => assertCanTransitionOrThrow(S.PLAN_CONFIRMED, S.PLAN_DRAFTED, sentBack))).toBeUndefined();
  });

  it("a failed certification sends the case back into service, a passed one does not", () => {
    expect(codeOf(() => assertCanTransitionOrThrow(S.CERTIFICATION, S.IN_SERVICE, ALL_RECORDS))).toBe("CONFLICT");
    const failed = { ...ALL_RECORDS, latestCertificationResult: CertificationResult.FAILED };
    expect(codeOf(() => assertCanTransitionOrThrow(S.CERTIFICATION, S.IN_SERVICE, failed))).toBeUndefined();
  });

  it("CERTIFICATION needs every hand-over acknowledged", () => {
    const pending = { ...ALL_RECORDS, unacknowledgedHandovers: 1 };
    expect(missingForTransition(S.MATERIALS_TRANSFERRED, S.CERTIFICATION, pending)).toEqual(["every hand-over acknowledged"]);
  });
});
