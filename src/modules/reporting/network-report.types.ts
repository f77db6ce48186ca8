import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ServiceStep, ServiceTier } from "../cases/service-step";

@ObjectType({ description: "How many cases are at one step" })
export class StepCount {
  @Field(() => ServiceStep, { description: "The step" })
  step!: ServiceStep;

  @Field(() => Int, { description: "How many cases are at it" })
  count!: number;
}

@ObjectType({ description: "How many cases have one service tier" })
export class TierCount {
  @Field(() => ServiceTier, { description: "The tier" })
  tier!: ServiceTier;

  @Field(() => Int, { description: "How many cases have it" })
  count!: number;
}

@ObjectType({ description: "Settlements of one status in one currency" })
export class SettlementFigure {
  @Field({ description: "The settlements' status (FeeSettlementStatus or SettlementStatus)" })
  status!: string;

  @Field({ description: "ISO 4217 currency code, e.g. CNY; amounts are never converted" })
  currency!: string;

  @Field(() => Int, { description: "How many settlements" })
  count!: number;

  @Field({ description: "Total in minor units of the currency" })
  amountMinor!: string;
}

@ObjectType({ description: "Budget against recorded costs of hosted-operation projects in one currency" })
export class ProjectBudgetFigure {
  @Field({ description: "ISO 4217 currency code; amounts are never converted" })
  currency!: string;

  @Field(() => Int, { description: "How many projects" })
  projects!: number;

  @Field({ description: "Their budgets together, in minor units" })
  budgetMinor!: string;

  @Field({ description: "Their recorded costs together, in minor units" })
  costMinor!: string;
}

@ObjectType({ description: "Hosted-operation projects (seed 004 §3) of one tenant or of the whole report" })
export class ProjectFigures {
  @Field(() => Int, { description: "Projects taken on in the period and not yet accepted" })
  active!: number;

  @Field(() => Int, { description: "Projects taken on in the period and accepted by their client" })
  accepted!: number;

  @Field(() => Int, { description: "Rectification notices of those projects not yet verified" })
  openRectifications!: number;

  @Field(() => Int, { description: "Of those, past their deadline" })
  overdueRectifications!: number;

  @Field(() => Int, { description: "Open project tasks of those projects past their due date" })
  overdueTasks!: number;

  @Field(() => [ProjectBudgetFigure], { description: "Budget against cost of those projects, per currency" })
  budgets!: ProjectBudgetFigure[];
}

/** The figures of one tenant, or of the whole scope (totals). */
@ObjectType({ description: "The figures of one tenant over the period, or of the whole report (totals)" })
export class NetworkReportRow {
  /** Null on the totals row; the `tenant` field resolves it. */
  tenantId!: string | null;

  @Field(() => Int, { description: "Clients recorded in the period" })
  clients!: number;

  @Field(() => Int, { description: "Cases opened in the period" })
  cases!: number;

  @Field(() => [StepCount], { description: "Cases by their current step" })
  casesByStep!: StepCount[];

  @Field(() => [TierCount], { description: "Cases by their service tier" })
  casesByTier!: TierCount[];

  @Field(() => Int, { description: "Cases not yet archived" })
  openCases!: number;

  @Field(() => Int, { description: "Cases whose first response came, or is still missing, after the tier's target" })
  casesPastResponseTarget!: number;

  @Field(() => Int, { description: "Open case tasks past their due date" })
  overdueTasks!: number;

  @Field(() => Int, { description: "Quality evaluations recorded in the period" })
  evaluations!: number;

  /** Sum of evaluation means, for the weighted mean of the totals. */
  evaluationScoreSum!: number;

  @Field(() => Float, { nullable: true, description: "Mean quality evaluation score (1–5); null without evaluations" })
  get meanQualityScore(): number | null {
    return this.evaluations === 0 ? null : Math.round((this.evaluationScoreSum / this.evaluations) * 100) / 100;
  }

  @Field(() => Int, { description: "Approval requests of the tenant still pending" })
  pendingApprovals!: number;

  @Field(() => Float, { nullable: true, description: "Age in hours of the oldest pending approval request" })
  oldestPendingApprovalHours!: number | null;

  @Field(() => Int, { description: "Grants active now" })
  activeGrants!: number;

  @Field(() => Int, { description: "Cases archived in the period: the sample of revisitRate (the REVISIT_RATE KPI counts the revisits themselves)" })
  archivedCases!: number;

  @Field(() => Int, { description: "Archived cases whose client was contacted again after archiving" })
  revisitedCases!: number;

  @Field(() => Float, { nullable: true, description: "Revisited ÷ archived cases, in percent; null without archived cases" })
  get revisitRate(): number | null {
    return percentOrNull(this.revisitedCases, this.archivedCases);
  }

  @Field(() => Int, { description: "Complaints and disputes opened in the period" })
  complaints!: number;

  @Field(() => Int, { description: "Of those, not yet resolved" })
  openComplaints!: number;

  @Field(() => Int, { description: "Resolved complaints whose raising side rated the handling" })
  ratedComplaints!: number;

  /** Sum of the ratings, for the weighted mean of the totals. */
  complaintSatisfactionSum!: number;

  @Field(() => Float, { nullable: true, description: "Mean handling satisfaction of the rated complaints (0–100); null without ratings" })
  get complaintSatisfaction(): number | null {
    return this.ratedComplaints === 0 ? null : Math.round((this.complaintSatisfactionSum / this.ratedComplaints) * 10) / 10;
  }

  /** Rated disputes whose raising side gave 80 or more. */
  satisfiedComplaints!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Provider disputes (complaints) rated 80 or more ÷ rated, in percent: the disputes' own figure, not the seed 004 KPI (that counts clients' complaints); null without ratings",
  })
  get disputeHandlingSatisfaction(): number | null {
    return percentOrNull(this.satisfiedComplaints, this.ratedComplaints);
  }

  @Field(() => [SettlementFigure], { description: "Partners' fee settlements applied for in the period, by status and currency" })
  feeSettlements!: SettlementFigure[];

  @Field(() => [SettlementFigure], { description: "Inter-centre settlement statements for periods starting in the period, by status and currency" })
  interCentreSettlements!: SettlementFigure[];

  @Field(() => ProjectFigures, { description: "Hosted-operation projects taken on in the period" })
  projects!: ProjectFigures;
}

function percentOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

@ObjectType({ description: "Partners and affiliated companies of one provider grade (seed 002)" })
export class GradeCount {
  @Field(() => Int, { nullable: true, description: "The provider grade, 1 (best) – 4; null: not graded yet" })
  grade!: number | null;

  @Field(() => Int, { description: "How many providers have this grade" })
  count!: number;
}

@ObjectType({ description: "Rollups over the caller's visible subtree: one row per tenant, plus totals" })
export class NetworkReport {
  @Field(() => [NetworkReportRow], { description: "One row per tenant of the report, in tree order" })
  rows!: NetworkReportRow[];

  @Field(() => NetworkReportRow, { description: "The figures of all rows together (tenant is null)" })
  totals!: NetworkReportRow;

  @Field(() => [GradeCount], { description: "Partners and affiliated companies in the report, by provider grade" })
  providersByGrade!: GradeCount[];

  @Field(() => ID, { nullable: true, description: "The subtree root the report was limited to" })
  subtreeRootId!: string | null;

  @Field({ description: "The IANA time zone the report's local days and months are counted in" })
  timeZone!: string;

  @Field(() => Date, { nullable: true, description: "The period's start (inclusive), as given or as the month's first local instant; null when open" })
  from!: Date | null;

  @Field(() => Date, { nullable: true, description: "The period's end (exclusive); null when open" })
  to!: Date | null;
}
