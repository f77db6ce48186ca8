import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

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
registerEnumType(RiskCategory, { name: "RiskCategory" });
registerEnumType(RiskResponse, { name: "RiskResponse" });
registerEnumType(RiskLevel, { name: "RiskLevel", description: "From likelihood × impact: ≥ 15 critical, ≥ 10 high, ≥ 5 medium" });
registerEnumType(RiskStatus, { name: "RiskStatus" });
registerEnumType(ThresholdDirection, { name: "ThresholdDirection", description: "Which side of the threshold raises a warning" });
registerEnumType(WarningStatus, { name: "WarningStatus" });

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
@ObjectType()
export class Risk extends TenantRow {
  @Column("text")
  @Field()
  title!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  description!: string | null;

  @Column("text")
  @Field(() => RiskCategory)
  category!: RiskCategory;

  @Column("smallint")
  @Field(() => Int, { description: "1 (rare) to 5 (almost certain)" })
  likelihood!: number;

  @Column("smallint")
  @Field(() => Int, { description: "1 (minor) to 5 (severe)" })
  impact!: number;

  @Column("text")
  @Field(() => RiskResponse)
  response!: RiskResponse;

  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column("text")
  @Field(() => RiskStatus)
  status!: RiskStatus;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @Field(() => RiskLevel)
  get level(): RiskLevel {
    return riskLevelOf(this.likelihood, this.impact);
  }
}

/** A measured indicator of a risk, with the threshold that raises a warning. */
@Entity({ name: "risk_indicators" })
@ObjectType()
export class RiskIndicator extends TenantRow {
  @Column({ name: "risk_id", type: "uuid" })
  riskId!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Column({ name: "warning_threshold", type: "numeric", transformer: numeric })
  @Field(() => Float)
  warningThreshold!: number;

  @Column("text")
  @Field(() => ThresholdDirection)
  direction!: ThresholdDirection;

  @Column({ name: "current_value", type: "numeric", nullable: true, transformer: numeric })
  @Field(() => Float, { nullable: true })
  currentValue!: number | null;

  @Column({ name: "measured_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
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
@ObjectType()
export class RiskWarning extends TenantRow {
  @Column({ name: "indicator_id", type: "uuid" })
  indicatorId!: string;

  @Column({ type: "numeric", transformer: numeric })
  @Field(() => Float, { description: "The value that crossed the threshold" })
  value!: number;

  @Column({ type: "numeric", transformer: numeric })
  @Field(() => Float)
  threshold!: number;

  @Column("text")
  @Field(() => WarningStatus)
  status!: WarningStatus;

  @Column({ name: "raised_at", type: "timestamptz" })
  @Field()
  raisedAt!: Date;

  @Column({ name: "acknowledged_by", type: "uuid", nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: "acknowledged_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: "closed_by", type: "uuid", nullable: true })
  closedBy!: string | null;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  note!: string | null;
}
