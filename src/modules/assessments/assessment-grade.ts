import { registerEnumType } from "type-graphql";
import { MessageText, t } from "../../shared/messages";

/** What repeated failures lead to (seed 003 §4: warning, rectification notice, termination). */
export enum AssessmentConsequence {
  NONE = "NONE",
  RECTIFICATION = "RECTIFICATION",
  TERMINATION_REVIEW = "TERMINATION_REVIEW",
}
registerEnumType(AssessmentConsequence, {
  name: "AssessmentConsequence",
  description: "What a provider's run of consecutive failed assessments leads to (seed 003 §4)",
  valuesConfig: {
    NONE: { description: "Nothing: passed, or too few failures in a row" },
    RECTIFICATION: { description: "A rectification notice (整改通知): failuresForRectification failures in a row" },
    TERMINATION_REVIEW: { description: "A review of ending the partnership: failuresForTerminationReview failures in a row" },
  },
});

/** A centre's weights (percent, summing to 100) and thresholds (scores out of 100). */
export interface AssessmentRule {
  qualityWeight: number;
  efficiencyWeight: number;
  satisfactionWeight: number;
  fulfilmentWeight: number;
  grade1Min: number;
  grade2Min: number;
  grade3Min: number;
  passMin: number;
  failuresForRectification: number;
  failuresForTerminationReview: number;
}

/** The four KPIs of seed 003 §4, each 0–100. */
export interface KpiScores {
  quality: number;
  efficiency: number;
  satisfaction: number;
  fulfilmentRate: number;
}

export interface AssessmentResult {
  weightedScore: number;
  /** Seed 002: provider grade 1 (best) – 4. */
  grade: number;
  passed: boolean;
  consecutiveFailures: number;
  consequence: AssessmentConsequence;
}

/**
 * The documented default, used by a centre when neither it nor an ancestor set a scheme:
 * quality 30, efficiency 20, satisfaction 30, fulfilment 20; grade 1 from 90, grade 2 from 80,
 * grade 3 from 70, else 4; a pass from 70; rectification after 2 failures in a row, a
 * termination review after 3.
 */
export const DEFAULT_ASSESSMENT_RULE: AssessmentRule = {
  qualityWeight: 30,
  efficiencyWeight: 20,
  satisfactionWeight: 30,
  fulfilmentWeight: 20,
  grade1Min: 90,
  grade2Min: 80,
  grade3Min: 70,
  passMin: 70,
  failuresForRectification: 2,
  failuresForTerminationReview: 3,
};

/** Scores are kept to two decimals; working in hundredths keeps the arithmetic exact. */
const hundredths = (score: number) => Math.round(score * 100);

/**
 * Weighted score = Σ weight × score / 100, rounded to two decimals; the grade is the best whose
 * minimum it reaches; a failure extends the previous assessment's run of failures, a pass ends it.
 */
export function gradeAssessment(rule: AssessmentRule, scores: KpiScores, previousConsecutiveFailures: number): AssessmentResult {
  const weighted = Math.round(
    (rule.qualityWeight * hundredths(scores.quality) +
      rule.efficiencyWeight * hundredths(scores.efficiency) +
      rule.satisfactionWeight * hundredths(scores.satisfaction) +
      rule.fulfilmentWeight * hundredths(scores.fulfilmentRate)) /
      100,
  );
  const reaches = (minimum: number) => weighted >= hundredths(minimum);
  const grade = reaches(rule.grade1Min) ? 1 : reaches(rule.grade2Min) ? 2 : reaches(rule.grade3Min) ? 3 : 4;
  const passed = reaches(rule.passMin);
  const consecutiveFailures = passed ? 0 : previousConsecutiveFailures + 1;
  const consequence =
    consecutiveFailures >= rule.failuresForTerminationReview
      ? AssessmentConsequence.TERMINATION_REVIEW
      : consecutiveFailures >= rule.failuresForRectification
        ? AssessmentConsequence.RECTIFICATION
        : AssessmentConsequence.NONE;
  return { weightedScore: weighted / 100, grade, passed, consecutiveFailures, consequence };
}

/** Why a scheme is refused, or null when its weights and thresholds are coherent. */
export function assessmentRuleProblem(rule: AssessmentRule): { message: MessageText; argument: string } | null {
  const weights = rule.qualityWeight + rule.efficiencyWeight + rule.satisfactionWeight + rule.fulfilmentWeight;
  if (weights !== 100) return { message: t("The four weights must sum to 100, not {weights}", { weights }), argument: "qualityWeight" };
  if (!(100 >= rule.grade1Min && rule.grade1Min > rule.grade2Min && rule.grade2Min > rule.grade3Min && rule.grade3Min > 0)) {
    return { message: "Grade thresholds must descend: 100 ≥ grade1Min > grade2Min > grade3Min > 0", argument: "grade1Min" };
  }
  if (!(rule.failuresForTerminationReview > rule.failuresForRectification)) {
    return { message: "failuresForTerminationReview must exceed failuresForRectification", argument: "failuresForTerminationReview" };
  }
  return null;
}
