import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";
import { TaskStatus } from "../cases/service-step";

/** Seed 004 §3: intake → operations plan → execution (under supervision) → acceptance. */
export enum ProjectStage {
  INTAKE = "INTAKE",
  PLANNED = "PLANNED",
  EXECUTING = "EXECUTING",
  AWAITING_ACCEPTANCE = "AWAITING_ACCEPTANCE",
  ACCEPTED = "ACCEPTED",
}
registerEnumType(ProjectStage, {
  name: "ProjectStage",
  description: "Where a hosted-operation project stands (seed 004 §3)",
  valuesConfig: {
    INTAKE: { description: "Taken on: feasibility, risks and budget assessed (项目承接)" },
    PLANNED: { description: "The operations plan is made (运营策划)" },
    EXECUTING: { description: "Being run, under supervision checks (组织实施, 监督考核)" },
    AWAITING_ACCEPTANCE: { description: "Submitted with its report for the client's acceptance (项目验收)" },
    ACCEPTED: { description: "Signed off by the client; closed" },
  },
});

/** Seed 004 §3(二)3: the plan's internal review through the approvals engine. */
export enum PlanReview {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(PlanReview, {
  name: "PlanReview",
  description: "Where the internal review of an operations plan stands (组织内部评审)",
  valuesConfig: {
    PENDING: { description: "Submitted; waiting for a department head of OPERATIONS or MANAGEMENT of the project's tenant" },
    APPROVED: { description: "Approved: execution may start" },
    REJECTED: { description: "Rejected: revise the plan and submit it again" },
  },
});

/** Seed 004 §3(四): a rectification notice is issued, rectified by its owner, then verified by a third member. */
export enum RectificationStatus {
  ISSUED = "ISSUED",
  RECTIFIED = "RECTIFIED",
  VERIFIED = "VERIFIED",
}
registerEnumType(RectificationStatus, {
  name: "RectificationStatus",
  description: "Where a rectification notice stands (整改通知, 跟踪整改落实)",
  valuesConfig: {
    ISSUED: { description: "Issued; its owner has not recorded the rectification yet (or the verification sent it back)" },
    RECTIFIED: { description: "The owner recorded the rectification; waiting for verification" },
    VERIFIED: { description: "Verified by a member who neither issued the notice nor performed the rectification; closed" },
  },
});

@Entity({ name: "operation_projects" })
@ObjectType({ description: "A hosted-operation project (seed 004)" })
export class OperationProject extends TenantRow {
  @Column({ name: "client_id", type: "uuid", nullable: true })
  clientId!: string | null;

  @Column("text")
  @Field({ description: "The project's name" })
  title!: string;

  @Column("text")
  @Field(() => ProjectStage, { description: "Where the project stands" })
  stage!: ProjectStage;

  @Column("text")
  @Field({ description: "Intake: the feasibility assessment" })
  feasibility!: string;

  @Column({ name: "risk_assessment", type: "text" })
  @Field({ description: "Intake: the potential risks" })
  riskAssessment!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Plan: the operations goals; null before planning" })
  goals!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Plan: the strategy; null before planning" })
  strategy!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Plan: the resources allocated; null before planning" })
  resources!: string | null;

  @Column({ name: "budget_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Budget in integer minor units of the currency, as a string of digits" })
  budgetMinor!: string;

  @Column("char")
  @Field({ description: "The project's currency, an ISO 4217 code (e.g. CNY)" })
  currency!: string;

  @Column({ name: "acceptance_report", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The report submitted for acceptance" })
  acceptanceReport!: string | null;

  @Column({ name: "client_evaluation", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The client's evaluation given with the acceptance decision" })
  clientEvaluation!: string | null;

  @Column({ name: "accepted_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the client accepted it" })
  acceptedAt!: Date | null;

  @Column({ name: "plan_review", type: "text", nullable: true })
  @Field(() => PlanReview, { nullable: true, description: "The internal review of the current plan; null until the plan is submitted" })
  planReview!: PlanReview | null;

  @Column({ name: "quality_assessment", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Acceptance material: the quality assessment (质量评估报告)" })
  qualityAssessment!: string | null;

  @Column({ name: "satisfaction_survey_result", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Acceptance material: the client satisfaction survey result (客户满意度调查结果)" })
  satisfactionSurveyResult!: string | null;

  @Column({ name: "handed_over_to", type: "text", nullable: true })
  handedOverTo!: string | null;

  @Column({ name: "handover_items", type: "text", nullable: true })
  handoverItems!: string | null;

  @Column({ name: "handed_over_at", type: "timestamptz", nullable: true })
  handedOverAt!: Date | null;

  @Column({ name: "handed_over_by", type: "uuid", nullable: true })
  handedOverBy!: string | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the project was taken on" })
  createdAt!: Date;
}

@ObjectType({ description: "The hand-over record made when the client accepts a project (项目交接)" })
export class ProjectHandOver {
  @Field(() => String, { nullable: true, description: "Who received the project on the client's side" })
  receivedBy!: string | null;

  @Field(() => String, { nullable: true, description: "What was handed over (materials, accounts, equipment)" })
  items!: string | null;

  @Field({ description: "When it was handed over" })
  handedOverAt!: Date;

  handedOverBy!: string;
}

/** Seed 004 §3(三): the division of work of a project. */
@Entity({ name: "project_tasks" })
@ObjectType({ description: "A task of a hosted-operation project's division of work, with owner, due date and status" })
export class ProjectTask extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

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
  @Field(() => Date, { nullable: true, description: "When it was marked DONE" })
  completedAt!: Date | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the task was added" })
  createdAt!: Date;

  @Field({ description: "Open or in progress after its due date (UTC)" })
  get overdue(): boolean {
    return (this.status === TaskStatus.OPEN || this.status === TaskStatus.IN_PROGRESS) && this.dueOn < new Date().toISOString().slice(0, 10);
  }
}

/** Seed 004 §3(四): a numbered notice to rectify what a check (or the client's acceptance) found. */
@Entity({ name: "rectification_notices" })
@ObjectType({ description: "A numbered rectification notice (整改通知) with its owner, deadline, rectification and verification" })
export class RectificationNotice extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

  @Column({ name: "check_id", type: "uuid", nullable: true })
  checkId!: string | null;

  @Column("int")
  year!: number;

  @Column("int")
  number!: number;

  @Column({ name: "notice_number", type: "text" })
  @Field({ description: "The notice's number, gap-free per tenant and year, e.g. CN-SH-RN-2026-0001" })
  noticeNumber!: string;

  @Column("text")
  @Field({ description: "What must be rectified" })
  requirement!: string;

  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column({ name: "due_on", type: "date" })
  @Field({ description: "The deadline, an ISO date (YYYY-MM-DD)" })
  dueOn!: string;

  @Column("text")
  @Field(() => RectificationStatus, { description: "Where the notice stands" })
  status!: RectificationStatus;

  @Column({ name: "issued_by", type: "uuid" })
  issuedBy!: string;

  @Column({ name: "issued_at", type: "timestamptz" })
  @Field({ description: "When it was issued" })
  issuedAt!: Date;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What the owner did; null until rectified" })
  rectification!: string | null;

  @Column({ name: "rectified_by", type: "uuid", nullable: true })
  rectifiedBy!: string | null;

  @Column({ name: "rectified_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the rectification was recorded" })
  rectifiedAt!: Date | null;

  @Column({ name: "verified_by", type: "uuid", nullable: true })
  verifiedBy!: string | null;

  @Column({ name: "verified_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When a third member verified it" })
  verifiedAt!: Date | null;

  @Column({ name: "verification_note", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The verifier's note, also when the verification sent the notice back" })
  verificationNote!: string | null;

  @Field({ description: "Not verified and past its deadline (UTC)" })
  get overdue(): boolean {
    return this.status !== RectificationStatus.VERIFIED && this.dueOn < new Date().toISOString().slice(0, 10);
  }
}

@Entity({ name: "supervision_checks" })
@ObjectType({ description: "A supervision check during execution; a failed one carries a rectification notice" })
export class SupervisionCheck extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

  @Column("text")
  @Field({ description: "What the check found" })
  findings!: string;

  @Column("boolean")
  @Field({ description: "Whether the project passed the check" })
  passed!: boolean;

  @Column({ name: "rectification_notice", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What must be rectified (整改通知); set on a failed check" })
  rectificationNotice!: string | null;

  @Column({ name: "rectified_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the rectification was verified; null while the notice is open" })
  rectifiedAt!: Date | null;

  @Column({ name: "checked_by", type: "uuid" })
  checkedBy!: string;

  @Column({ name: "checked_at", type: "timestamptz" })
  @Field({ description: "When the check was recorded" })
  checkedAt!: Date;
}

@Entity({ name: "project_costs" })
@ObjectType({ description: "A cost incurred by a hosted-operation project" })
export class ProjectCost extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

  @Column({ name: "amount_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Integer minor units of the project's currency, as a string of digits" })
  amountMinor!: string;

  @Column("text")
  @Field({ description: "What the cost was for" })
  description!: string;

  @Column({ name: "incurred_on", type: "date" })
  @Field({ description: "The day it was incurred, an ISO date (YYYY-MM-DD)" })
  incurredOn!: string;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

@ObjectType({ description: "Budget against the costs recorded so far" })
export class ProjectBudget {
  @Field(() => ID, { description: "Derived from the project's id: the same budget before and after a cost is recorded" })
  id!: string;

  @Field({ description: "The budget, in integer minor units" })
  budgetMinor!: string;

  @Field({ description: "The sum of the recorded costs, in integer minor units" })
  actualMinor!: string;

  @Field({ description: "Budget minus actual; negative when over budget" })
  remainingMinor!: string;

  @Field({ description: "The project's currency, an ISO 4217 code" })
  currency!: string;

  @Field({ description: "The costs exceed the budget" })
  overBudget!: boolean;
}
