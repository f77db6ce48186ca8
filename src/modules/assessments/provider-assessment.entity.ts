import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { AssessmentConsequence } from "./assessment-grade";
import { numericAsNumber } from "./assessment-scheme.entity";

/** One periodic KPI assessment of a partner or affiliated company, recorded by its centre. */
@Entity({ name: "provider_assessments" })
@ObjectType({ description: "A periodic KPI assessment of a partner or affiliated company; it sets the provider grade" })
export class ProviderAssessment extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "period_from", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  periodFrom!: string;

  @Column({ name: "period_until", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  periodUntil!: string;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float)
  quality!: number;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float)
  efficiency!: number;

  @Column({ type: "numeric", transformer: numericAsNumber })
  @Field(() => Float)
  satisfaction!: number;

  @Column({ name: "fulfilment_rate", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float)
  fulfilmentRate!: number;

  @Column({ name: "weighted_score", type: "numeric", transformer: numericAsNumber })
  @Field(() => Float)
  weightedScore!: number;

  @Column("smallint")
  @Field(() => Int, { description: "Provider grade 1 (best) – 4" })
  grade!: number;

  @Column("boolean")
  @Field()
  passed!: boolean;

  @Column({ name: "consecutive_failures", type: "smallint" })
  @Field(() => Int)
  consecutiveFailures!: number;

  @Column("text")
  @Field(() => AssessmentConsequence)
  consequence!: AssessmentConsequence;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  comments!: string | null;

  @Column({ name: "assessed_by", type: "uuid" })
  assessedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}
