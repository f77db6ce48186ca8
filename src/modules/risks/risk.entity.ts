import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { Department } from "../../context/roles";

export enum RiskCategory {
  MARKET = "MARKET",
  OPERATIONAL = "OPERATIONAL",
  FINANCIAL = "FINANCIAL",
  LEGAL = "LEGAL",
}
export enum RiskResponse {
  AVOID = "AVOID",
  REDUCE = "REDUCE",
  TRANSFER = "TRANSFER",
  ACCEPT = "ACCEPT",
}
export enum RiskLevel {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}
export enum RiskStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
export enum ThresholdDirection {
  ABOVE = "ABOVE",
  BELOW = "BELOW",
}
export enum WarningStatus {
  OPEN = "OPEN",
  ACKNOWLEDGED = "ACKNOWLEDGED",
  CLOSED = "CLOSED",
}
registerEnumType(RiskCategory, {
  name: "RiskCategory",
  description: "The kind of risk (seed 004 §7)",
  valuesConfig: {
    MARKET: { description: "Market risk (市场风险)" },
    OPERATIONAL: { description: "Operational risk (运营风险)" },
    FINANCIAL: { description: "Financial risk (财务风险)" },
    LEGAL: { description: "Legal risk (法律风险)" },
  },
});
registerEnumType(RiskResponse, {
  name: "RiskResponse",
  description: "How the tenant responds to a risk (seed 004 §7)",
  valuesConfig: {
    AVOID: { description: "Avoid it (风险规避)" },
    REDUCE: { description: "Reduce it (风险降低)" },
    TRANSFER: { description: "Transfer it to another party (风险转移)" },
    ACCEPT: { description: "Accept it (风险接受)" },
  },
});
registerEnumType(RiskLevel, {
  name: "RiskLevel",
  description: "From likelihood × impact: ≥ 15 critical, ≥ 10 high, ≥ 5 medium",
  valuesConfig: {
    LOW: { description: "Likelihood × impact below 5" },
    MEDIUM: { description: "Likelihood × impact from 5 to 9" },
    HIGH: { description: "Likelihood × impact from 10 to 14" },
    CRITICAL: { description: "Likelihood × impact 15 or more" },
  },
});
registerEnumType(RiskStatus, {
  name: "RiskStatus",
  description: "Whether a risk is still tracked",
  valuesConfig: {
    OPEN: { description: "Tracked in the register: updated and reviewed" },
    CLOSED: { description: "Closed with a reason (closeRisk); no longer updated or reviewed" },
  },
});
registerEnumType(ThresholdDirection, {
  name: "ThresholdDirection",
  description: "Which side of the threshold raises a warning",
  valuesConfig: {
    ABOVE: { description: "A value at or above the threshold raises a warning" },
    BELOW: { description: "A value at or below the threshold raises a warning" },
  },
});
registerEnumType(WarningStatus, {
  name: "WarningStatus",
  description: "Where a risk warning stands: OPEN → ACKNOWLEDGED → CLOSED",
  valuesConfig: {
    OPEN: { description: "Raised, nobody has acknowledged it yet" },
    ACKNOWLEDGED: { description: "Someone of the tenant has taken it on" },
    CLOSED: { description: "Closed with a note on what was done; the indicator may warn again" },
  },
});

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export function riskLevelOf(likelihood: number, impact: number): RiskLevel {
  const score = likelihood * impact;
  if (score >= 15) return RiskLevel.CRITICAL;
  if (score >= 10) return RiskLevel.HIGH;
  if (score >= 5) return RiskLevel.MEDIUM;
  return RiskLevel.LOW;
}

/** A risk of the register (seed 004 §7): what it is, how likely, how bad, and the response. */
@Entity({ name: "risks" })
@ObjectType({ description: "A risk of a tenant's register (seed 004 §7): what it is, how likely, how bad, and the response" })
export class Risk extends TenantRow {
  @Column("text")
  @Field({ description: "A short name of the risk" })
  title!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What the risk is, in more words" })
  description!: string | null;

  @Column("text")
  @Field(() => RiskCategory, { description: "The kind of risk" })
  category!: RiskCategory;

  @Column("smallint")
  @Field(() => Int, { description: "1 (rare) to 5 (almost certain)" })
  likelihood!: number;

  @Column("smallint")
  @Field(() => Int, { description: "1 (minor) to 5 (severe)" })
  impact!: number;

  @Column("text")
  @Field(() => RiskResponse, { description: "How the tenant responds to it" })
  response!: RiskResponse;

  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column("text")
  @Field(() => RiskStatus, { description: "Whether it is still tracked" })
  status!: RiskStatus;

  @Column({ name: "responsible_department", type: "text", nullable: true })
  @Field(() => Department, { nullable: true, description: "The department responsible for the response (责任部门)" })
  responsibleDepartment!: Department | null;

  @Column({ name: "project_id", type: "uuid", nullable: true })
  projectId!: string | null;

  @Column({ name: "next_review_on", type: "date", nullable: true })
  @Field(() => String, { nullable: true, description: "When the risk is next reviewed, an ISO date (YYYY-MM-DD)" })
  nextReviewOn!: string | null;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was closed" })
  closedAt!: Date | null;

  @Column({ name: "closed_by", type: "uuid", nullable: true })
  closedBy!: string | null;

  @Column({ name: "closure_reason", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was closed" })
  closureReason!: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was entered in the register" })
  createdAt!: Date;

  @Field({ description: "Open and its next review date has passed (UTC)" })
  get reviewOverdue(): boolean {
    return this.status === RiskStatus.OPEN && this.nextReviewOn !== null && this.nextReviewOn < new Date().toISOString().slice(0, 10);
  }

  @Field(() => RiskLevel, { description: "The level from likelihood × impact" })
  get level(): RiskLevel {
    return riskLevelOf(this.likelihood, this.impact);
  }
}

/** A measured indicator of a risk, with the threshold that raises a warning. */
@Entity({ name: "risk_indicators" })
@ObjectType({ description: "A measured indicator of a risk, with the threshold that raises a warning (预警阈值)" })
export class RiskIndicator extends TenantRow {
  @Column({ name: "risk_id", type: "uuid" })
  riskId!: string;

  @Column("text")
  @Field({ description: "What is measured" })
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The unit of the values, free text (e.g. %)" })
  unit!: string | null;

  @Column({ name: "warning_threshold", type: "numeric", transformer: numeric })
  @Field(() => Float, { description: "The value that raises a warning, in the indicator's unit" })
  warningThreshold!: number;

  @Column("text")
  @Field(() => ThresholdDirection, { description: "Which side of the threshold warns" })
  direction!: ThresholdDirection;

  @Column({ name: "current_value", type: "numeric", nullable: true, transformer: numeric })
  @Field(() => Float, { nullable: true, description: "The latest measurement; null before the first" })
  currentValue!: number | null;

  @Column({ name: "measured_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the latest measurement was recorded" })
  measuredAt!: Date | null;

  @Field({ description: "The current value is on the warning side of the threshold" })
  get breached(): boolean {
    return this.currentValue !== null && crossesThreshold(this, this.currentValue);
  }
}

export function crossesThreshold(indicator: Pick<RiskIndicator, "direction" | "warningThreshold">, value: number): boolean {
  return indicator.direction === ThresholdDirection.ABOVE ? value >= indicator.warningThreshold : value <= indicator.warningThreshold;
}

/** Raised when an indicator crosses its threshold; acknowledged, then closed with a note. */
@Entity({ name: "risk_warnings" })
@ObjectType({ description: "Raised when an indicator crosses its threshold; acknowledged, then closed with a note" })
export class RiskWarning extends TenantRow {
  @Column({ name: "indicator_id", type: "uuid" })
  indicatorId!: string;

  @Column({ type: "numeric", transformer: numeric })
  @Field(() => Float, { description: "The value that crossed the threshold" })
  value!: number;

  @Column({ type: "numeric", transformer: numeric })
  @Field(() => Float, { description: "The indicator's threshold when the warning was raised" })
  threshold!: number;

  @Column("text")
  @Field(() => WarningStatus, { description: "Where the warning stands" })
  status!: WarningStatus;

  @Column({ name: "raised_at", type: "timestamptz" })
  @Field({ description: "When the warning was raised" })
  raisedAt!: Date;

  @Column({ name: "acknowledged_by", type: "uuid", nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: "acknowledged_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was acknowledged" })
  acknowledgedAt!: Date | null;

  @Column({ name: "closed_by", type: "uuid", nullable: true })
  closedBy!: string | null;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was closed" })
  closedAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The note given on acknowledging or closing: what was done" })
  note!: string | null;
}

/** Seed 004 §7(二)3: one periodic review of a risk and its response. */
@Entity({ name: "risk_reviews" })
@ObjectType({ description: "One review of a risk (定期检查和评估): what was found, the assessment then, and the next review date" })
export class RiskReview extends TenantRow {
  @Column({ name: "risk_id", type: "uuid" })
  riskId!: string;

  @Column("text")
  @Field({ description: "What the review found" })
  note!: string;

  @Column("smallint")
  @Field(() => Int, { description: "The likelihood after the review, 1–5" })
  likelihood!: number;

  @Column("smallint")
  @Field(() => Int, { description: "The impact after the review, 1–5" })
  impact!: number;

  @Column({ name: "next_review_on", type: "date", nullable: true })
  @Field(() => String, { nullable: true, description: "The next review date it set, an ISO date" })
  nextReviewOn!: string | null;

  @Column({ name: "reviewed_by", type: "uuid" })
  reviewedBy!: string;

  @Column({ name: "reviewed_at", type: "timestamptz" })
  @Field({ description: "When it was reviewed" })
  reviewedAt!: Date;
}
