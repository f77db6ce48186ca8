import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";
import { AssessmentConsequence } from "./assessment-grade";
import { numericAsNumber } from "./assessment-scheme.entity";

/** One periodic KPI assessment of a partner or affiliated company, recorded by its centre. */
@Entity({ name: "provider_assessments" })
@ObjectType({ description: "A periodic KPI assessment of a partner or affiliated company; it sets the provider grade" })
export class ProviderAssessment extends ParentedTenantRow {
  @Column({ name: "period_from", type: "date" })
  @Field({ description: "First day of the assessed period, an ISO date (YYYY-MM-DD)" })
  periodFrom!: string;

  @Column({ name: "period_until", type: "date" })
  @Field({ description: "Last day of the assessed period, an ISO date (YYYY-MM-DD)" })
  periodUntil!: string;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Service quality score, 0–100" })
  quality!: number;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Service efficiency score, 0–100" })
  efficiency!: number;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Client satisfaction score, 0–100" })
  satisfaction!: number;

  @Column({ name: "fulfilment_rate", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Contract fulfilment rate, percent (0–100)" })
  fulfilmentRate!: number;

  @Column({ name: "weighted_score", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float, { description: "Σ weight × score / 100 under the scheme then in force, 0–100, two decimals" })
  weightedScore!: number;

  @Column("smallint")
  @Field(() => Int, { description: "Provider grade 1 (best) – 4" })
  grade!: number;

  @Column("boolean")
  @Field({ description: "The weighted score reached the scheme's passMin" })
  passed!: boolean;

  @Column({ name: "consecutive_failures", type: "smallint" })
  @Field(() => Int, { description: "Failed assessments in a row up to this one; 0 when it passed" })
  consecutiveFailures!: number;

  @Column("text")
  @Field(() => AssessmentConsequence, { description: "What the run of failures leads to" })
  consequence!: AssessmentConsequence;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The assessor's comments" })
  comments!: string | null;

  @Column({ name: "assessed_by", type: "uuid" })
  assessedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was recorded" })
  createdAt!: Date;
}
