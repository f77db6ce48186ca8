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
@ObjectType({ description: "Step 1: how a client's needs came in, and what they are" })
export class CaseNeeds extends CaseRecord {
  @Column("text")
  @Field(() => IntakeChannel, { description: "How the needs came in" })
  channel!: IntakeChannel;

  @Column("text")
  @Field({ description: "The needs as the client stated them" })
  needs!: string;

  @Column({ name: "captured_by", type: "uuid" })
  capturedBy!: string;

  @Column({ name: "captured_at", type: "timestamptz" })
  @Field({ description: "When the needs were recorded" })
  capturedAt!: Date;
}

/** Steps 3–4: one version of the personalised plan and the client's answer to it. */
@Entity({ name: "service_plans" })
@ObjectType({ description: "Steps 3–4: one version of the personalised plan and the client's answer to it" })
export class ServicePlan extends CaseRecord {
  @Column("int")
  @Field(() => Int, { description: "1 for the first draft, then one more per new version" })
  version!: number;

  @Column("text")
  @Field({ description: "What the service will consist of" })
  content!: string;

  @Column("text")
  @Field({ description: "The timetable, free text (e.g. Weeks 1-6)" })
  schedule!: string;

  @Column({ name: "expected_results", type: "text" })
  @Field({ description: "What the client can expect at the end" })
  expectedResults!: string;

  @Column("text")
  @Field(() => PlanStatus, { description: "The client's answer to this version" })
  status!: PlanStatus;

  @Column({ name: "client_comment", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What the client said with the answer" })
  clientComment!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the client answered; null while PROPOSED" })
  decidedAt!: Date | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When this version was drafted" })
  createdAt!: Date;
}

/** Step 5: one task of the execution plan. */
@Entity({ name: "case_tasks" })
@ObjectType({ description: "Step 5: one task of the execution plan, with an owner and a due date" })
export class CaseTask extends CaseRecord {
  @Column("text")
  @Field({ description: "What is to be done" })
  title!: string;

  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column({ name: "due_on", type: "date" })
  @Field({ description: "The day it is due, an ISO date (YYYY-MM-DD)" })
  dueOn!: string;

  @Column("text")
  @Field(() => TaskStatus, { description: "Where the task stands" })
  status!: TaskStatus;

  @Column({ name: "completed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was first marked DONE" })
  completedAt!: Date | null;

  @Field({ description: "Open or in progress after its due date (UTC)" })
  get overdue(): boolean {
    const open = this.status === TaskStatus.OPEN || this.status === TaskStatus.IN_PROGRESS;
    return open && this.dueOn < new Date().toISOString().slice(0, 10);
  }
}

/** Step 6: a training, consulting or certification session delivered. */
@Entity({ name: "service_records" })
@ObjectType({ description: "Step 6: a training, consulting or certification session delivered" })
export class ServiceRecord extends CaseRecord {
  @Column("text")
  @Field(() => ServiceRecordKind, { description: "What kind of session it was" })
  kind!: ServiceRecordKind;

  @Column({ name: "started_at", type: "timestamptz" })
  @Field({ description: "When the session started" })
  startedAt!: Date;

  @Column({ name: "ended_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the session ended, if recorded" })
  endedAt!: Date | null;

  @Column("text")
  @Field({ description: "Where it took place" })
  place!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "The names of those who took part" })
  participants!: string[];

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What the session achieved" })
  outcome!: string | null;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

/** Step 7: documents handed to a third-party due-diligence body. */
@Entity({ name: "material_handovers" })
@ObjectType({ description: "Step 7: documents handed to a third-party due-diligence body" })
export class MaterialHandover extends CaseRecord {
  @Column({ name: "body_name", type: "text" })
  @Field({ description: "The due-diligence body" })
  bodyName!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "The names of the documents handed over" })
  documents!: string[];

  @Column({ name: "handed_over_at", type: "timestamptz" })
  @Field({ description: "When they were handed over" })
  handedOverAt!: Date;

  @Column({ name: "acknowledged_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the body acknowledged receipt; null until then" })
  acknowledgedAt!: Date | null;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

/** Step 8: the certification review and its result. */
@Entity({ name: "certification_reviews" })
@ObjectType({ description: "Step 8: a third-party certification review and its result" })
export class CertificationReview extends CaseRecord {
  @Column({ name: "body_name", type: "text" })
  @Field({ description: "The certification body" })
  bodyName!: string;

  @Column({ name: "scheduled_for", type: "timestamptz" })
  @Field({ description: "When the review takes place" })
  scheduledFor!: Date;

  @Column("text")
  @Field(() => CertificationStatus, { description: "Scheduled, or completed with a result" })
  status!: CertificationStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => CertificationResult, { nullable: true, description: "The outcome; null while SCHEDULED" })
  result!: CertificationResult | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Notes recorded with the result" })
  notes!: string | null;

  @Column({ name: "completed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the result was recorded" })
  completedAt!: Date | null;
}

@ObjectType({ description: "The client's score for one dimension of a quality evaluation" })
export class DimensionScore {
  @Field(() => EvaluationDimension, { description: "What was scored" })
  dimension!: EvaluationDimension;

  @Field(() => Int, { description: "1 (poor) to 5 (excellent)" })
  score!: number;
}

/** Step 9: the client's quality evaluation. */
@Entity({ name: "case_evaluations" })
@ObjectType({ description: "Step 9: the client's quality evaluation of a case (服务质量评估)" })
export class CaseEvaluation extends CaseRecord {
  @Column("jsonb")
  @Field(() => [DimensionScore], { description: "One score per dimension scored" })
  scores!: DimensionScore[];

  @Column({ name: "mean_score", type: "numeric", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: "The mean of the scores, 1–5, rounded to two decimals" })
  meanScore!: number;

  @Column({ name: "client_feedback", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What the client said" })
  clientFeedback!: string | null;

  @Column({ name: "follow_up_needed", type: "boolean" })
  @Field({ description: "The client asked for follow-up; counted by the problem-handling rate KPI" })
  followUpNeeded!: boolean;

  @Column({ name: "evaluated_by", type: "uuid" })
  evaluatedBy!: string;

  @Column({ name: "evaluated_at", type: "timestamptz" })
  @Field({ description: "When the evaluation was recorded" })
  evaluatedAt!: Date;
}

/** One move of the case between steps: who, when, why. */
@Entity({ name: "case_transitions" })
@ObjectType({ description: "One move of a case between steps: who, when, why" })
export class CaseTransition extends CaseRecord {
  @Column({ name: "from_step", type: "text", nullable: true })
  @Field(() => ServiceStep, { nullable: true, description: "The step the case left; null when the case was opened" })
  fromStep!: ServiceStep | null;

  @Column({ name: "to_step", type: "text" })
  @Field(() => ServiceStep, { description: "The step the case moved to" })
  toStep!: ServiceStep;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it moved, as the actor wrote it" })
  note!: string | null;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId!: string | null;

  @Column({ type: "timestamptz" })
  @Field({ description: "When the case moved" })
  at!: Date;
}
