import { AssessmentConsequence, DEFAULT_ASSESSMENT_RULE, assessmentRuleProblem, gradeAssessment } from "../../src/modules/assessments/assessment-grade";

const flat = (score: number) => ({ quality: score, efficiency: score, satisfaction: score, fulfilmentRate: score });

describe("the grade rule (default scheme: 30/20/30/20; grades from 90, 80, 70; pass from 70)", () => {
  it.each([
    [100, 1],
    [90, 1],
    [89.99, 2],
    [80, 2],
    [79.99, 3],
    [70, 3],
    [69.99, 4],
    [0, 4],
  ])("a weighted score of %d is grade %d", (score, grade) => {
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, flat(score), 0)).toMatchObject({ weightedScore: score, grade });
  });

  it("weighs each KPI: Σ weight × score / 100, rounded to two decimals", () => {
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, { quality: 95, efficiency: 90, satisfaction: 92, fulfilmentRate: 96 }, 0).weightedScore).toBe(93.3);
    // 30×70.01 + 20×70.01 + 30×69.99 + 20×69.99 = 7000 → exactly 70.00, without float drift
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, { quality: 70.01, efficiency: 70.01, satisfaction: 69.99, fulfilmentRate: 69.99 }, 0)).toMatchObject({ weightedScore: 70, passed: true });
    // 33.335 rounds half up to 33.34
    const thirds = { ...DEFAULT_ASSESSMENT_RULE, qualityWeight: 50, efficiencyWeight: 50, satisfactionWeight: 0, fulfilmentWeight: 0 };
    expect(gradeAssessment(thirds, { quality: 33.33, efficiency: 33.34, satisfaction: 0, fulfilmentRate: 0 }, 0).weightedScore).toBe(33.34);
  });

  it("passes at pass_min exactly, fails just below", () => {
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, flat(70), 3)).toMatchObject({ passed: true, consecutiveFailures: 0, consequence: AssessmentConsequence.NONE });
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, flat(69.99), 0)).toMatchObject({ passed: false, consecutiveFailures: 1, consequence: AssessmentConsequence.NONE });
  });

  it.each([
    [0, 1, AssessmentConsequence.NONE],
    [1, 2, AssessmentConsequence.RECTIFICATION],
    [2, 3, AssessmentConsequence.TERMINATION_REVIEW],
    [5, 6, AssessmentConsequence.TERMINATION_REVIEW],
  ])("after %d failures in a row, another failure makes %d: %s", (previous, failures, consequence) => {
    expect(gradeAssessment(DEFAULT_ASSESSMENT_RULE, flat(50), previous)).toMatchObject({ consecutiveFailures: failures, consequence });
  });

  it("a pass mark above grade 3 can fail a grade-3 provider", () => {
    const strict = { ...DEFAULT_ASSESSMENT_RULE, passMin: 75 };
    expect(gradeAssessment(strict, flat(72), 0)).toMatchObject({ grade: 3, passed: false });
  });
});

describe("a scheme's coherence", () => {
  it("accepts the default", () => expect(assessmentRuleProblem(DEFAULT_ASSESSMENT_RULE)).toBeNull());
  it.each([
    ["weights summing to 99", { qualityWeight: 29 }, "qualityWeight"],
    ["weights summing to 101", { qualityWeight: 31 }, "qualityWeight"],
    ["grade1Min above 100", { grade1Min: 100.5 }, "grade1Min"],
    ["equal grade thresholds", { grade2Min: 90 }, "grade1Min"],
    ["ascending thresholds", { grade2Min: 60 }, "grade1Min"],
    ["grade3Min of 0", { grade3Min: 0 }, "grade1Min"],
    ["termination review before rectification", { failuresForTerminationReview: 2 }, "failuresForTerminationReview"],
  ])("refuses %s", (_name, override, argument) => {
    expect(assessmentRuleProblem({ ...DEFAULT_ASSESSMENT_RULE, ...override })).toMatchObject({ argument });
  });
});
