import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { derivedId } from "../../shared/ids";
import { AssessmentRule } from "./assessment-grade";

/** numeric(5,2) arrives as a string; scores are small and two-decimal, so a number is exact enough to show. */
export const numericAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * A centre's assessment weights and thresholds. Not a TenantRow in GraphQL: the built-in default
 * has no row, so the type names the tenant that defined it (null for the default), and its id is
 * that of the scheme in force for the acting tenant, the same before and after it sets its own.
 */
@Entity({ name: "assessment_schemes" })
@ObjectType({ description: "Weights (percent, summing to 100) and thresholds used to grade providers (seeds 002, 003 §4)" })
export class AssessmentScheme implements AssessmentRule {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string | null;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The tenant this scheme is in force for, as read. */
  inForceFor!: string;

  @Field(() => ID, { name: "id", description: "The scheme in force for the acting tenant" })
  get inForceId(): string {
    return derivedId("AssessmentScheme", this.inForceFor);
  }

  @Column({ name: "quality_weight", type: "smallint" })
  @Field(() => Int, { description: "Weight of the quality score, percent" })
  qualityWeight!: number;

  @Column({ name: "efficiency_weight", type: "smallint" })
  @Field(() => Int, { description: "Weight of the efficiency score, percent" })
  efficiencyWeight!: number;

  @Column({ name: "satisfaction_weight", type: "smallint" })
  @Field(() => Int, { description: "Weight of the satisfaction score, percent" })
  satisfactionWeight!: number;

  @Column({ name: "fulfilment_weight", type: "smallint" })
  @Field(() => Int, { description: "Weight of the contract fulfilment rate, percent" })
  fulfilmentWeight!: number;

  @Column({ name: "grade1_min", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Lowest weighted score (0–100) for grade 1" })
  grade1Min!: number;

  @Column({ name: "grade2_min", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Lowest weighted score (0–100) for grade 2" })
  grade2Min!: number;

  @Column({ name: "grade3_min", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Lowest weighted score (0–100) for grade 3; below it, grade 4" })
  grade3Min!: number;

  @Column({ name: "pass_min", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Lowest weighted score (0–100) that passes" })
  passMin!: number;

  @Column({ name: "failures_for_rectification", type: "smallint" })
  @Field(() => Int, { description: "Consecutive failed assessments that bring a rectification notice" })
  failuresForRectification!: number;

  @Column({ name: "failures_for_termination_review", type: "smallint" })
  @Field(() => Int, { description: "Consecutive failed assessments that bring a termination review" })
  failuresForTerminationReview!: number;

  @Column({ name: "updated_by", type: "uuid" })
  updatedBy!: string | null;

  @Column({ name: "updated_at", type: "timestamptz" })
  @Field(() => Date, { nullable: true, description: "When the scheme was last set; null for the built-in default" })
  updatedAt!: Date | null;
}
