import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { CaseRecord } from "./case-record";
import {
  CertificationResult,
  CertificationStatus,
  EvaluationDimension,
  IntakeChannel,
  PlanStatus,
  ServiceRecordKind,
  ServiceStep,
  TaskStatus,
} from "./service-step";

/** Step 1: how the needs came in, and what they are. */
@Entity({ name: "case_needs" })
@ObjectType()
export class CaseNeeds extends CaseRecord {
  @Column("text")
  @Field(() => IntakeChannel)
  channel!: IntakeChannel;

  @Column("text")
  @Field()
  needs!: string;

  @Column({ name: "captured_by", type: "uuid" })
  capturedBy!: string;

  @Column({ name: "captured_at", type: "timestamptz" })
  @Field()
  capturedAt!: Date;
}

/** Steps 3–4: one version of the personalised plan and the client's answer to it. */
@Entity({ name: "service_plans" })
@ObjectType()
export class ServicePlan extends CaseRecord {
  @Column("int")
  @Field(() => Int)
  version!: number;

  @Column("text")
  @Field()
  content!: string;

  @Column("text")
  @Field()
  schedule!: string;

  @Column({ name: "expected_results", type: "text" })
  @Field()
  expectedResults!: string;

  @Column("text")
  @Field(() => PlanStatus)
  status!: PlanStatus;

  @Column({ name: "client_comment", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  clientComment!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}

/** Step 5: one task of the execution plan. */
@Entity({ name: "case_tasks" })
@ObjectType()
export class CaseTask extends CaseRecord {
  @Column("text")
  @Field()
  title!: string;

  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column({ name: "due_on", type: "date" })
  @Field({ description: "ISO date (YYYY-MM-DD)" })
  dueOn!: string;

  @Column("text")
  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Column({ name: "completed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field({ description: "Open or in progress after its due date" })
  get overdue(): boolean {
    const open = this.status === TaskStatus.OPEN || this.status === TaskStatus.IN_PROGRESS;
    return open && this.dueOn < new Date().toISOString().slice(0, 10);
  }
}

/** Step 6: a training, consulting or certification session delivered. */
@Entity({ name: "service_records" })
@ObjectType()
export class ServiceRecord extends CaseRecord {
  @Column("text")
  @Field(() => ServiceRecordKind)
  kind!: ServiceRecordKind;

  @Column({ name: "started_at", type: "timestamptz" })
  @Field()
  startedAt!: Date;

  @Column({ name: "ended_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Column("text")
  @Field()
  place!: string;

  @Column("text", { array: true })
  @Field(() => [String])
  participants!: string[];

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

/** Step 7: documents handed to a third-party due-diligence body. */
@Entity({ name: "material_handovers" })
@ObjectType()
export class MaterialHandover extends CaseRecord {
  @Column({ name: "body_name", type: "text" })
  @Field({ description: "The due-diligence body" })
  bodyName!: string;

  @Column("text", { array: true })
  @Field(() => [String])
  documents!: string[];

  @Column({ name: "handed_over_at", type: "timestamptz" })
  @Field()
  handedOverAt!: Date;

  @Column({ name: "acknowledged_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

/** Step 8: the certification review and its result. */
@Entity({ name: "certification_reviews" })
@ObjectType()
export class CertificationReview extends CaseRecord {
  @Column({ name: "body_name", type: "text" })
  @Field({ description: "The certification body" })
  bodyName!: string;

  @Column({ name: "scheduled_for", type: "timestamptz" })
  @Field()
  scheduledFor!: Date;

  @Column("text")
  @Field(() => CertificationStatus)
  status!: CertificationStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => CertificationResult, { nullable: true })
  result!: CertificationResult | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Column({ name: "completed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType()
export class DimensionScore {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field(() => Int)
  score!: number;
}

/** Step 9: the client's quality evaluation. */
@Entity({ name: "case_evaluations" })
@ObjectType()
export class CaseEvaluation extends CaseRecord {
  @Column("jsonb")
  @Field(() => [DimensionScore])
  scores!: DimensionScore[];

  @Column({ name: "mean_score", type: "numeric", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float)
  meanScore!: number;

  @Column({ name: "client_feedback", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  clientFeedback!: string | null;

  @Column({ name: "follow_up_needed", type: "boolean" })
  @Field()
  followUpNeeded!: boolean;

  @Column({ name: "evaluated_by", type: "uuid" })
  evaluatedBy!: string;

  @Column({ name: "evaluated_at", type: "timestamptz" })
  @Field()
  evaluatedAt!: Date;
}

/** One move of the case between steps: who, when, why. */
@Entity({ name: "case_transitions" })
@ObjectType()
export class CaseTransition extends CaseRecord {
  @Column({ name: "from_step", type: "text", nullable: true })
  @Field(() => ServiceStep, { nullable: true, description: "Null when the case was opened" })
  fromStep!: ServiceStep | null;

  @Column({ name: "to_step", type: "text" })
  @Field(() => ServiceStep)
  toStep!: ServiceStep;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  note!: string | null;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId!: string | null;

  @Column({ type: "timestamptz" })
  @Field()
  at!: Date;
}
