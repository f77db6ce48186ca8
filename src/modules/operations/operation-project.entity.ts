import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

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

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the project was taken on" })
  createdAt!: Date;
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
  @Field(() => Date, { nullable: true, description: "When the rectification was recorded; null while the notice is open" })
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
