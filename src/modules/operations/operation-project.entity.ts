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
registerEnumType(ProjectStage, { name: "ProjectStage" });

@Entity({ name: "operation_projects" })
@ObjectType({ description: "A hosted-operation project (seed 004)" })
export class OperationProject extends TenantRow {
  @Column({ name: "client_id", type: "uuid", nullable: true })
  clientId!: string | null;

  @Column("text")
  @Field()
  title!: string;

  @Column("text")
  @Field(() => ProjectStage)
  stage!: ProjectStage;

  @Column("text")
  @Field({ description: "Intake: the feasibility assessment" })
  feasibility!: string;

  @Column({ name: "risk_assessment", type: "text" })
  @Field({ description: "Intake: the potential risks" })
  riskAssessment!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  goals!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  strategy!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  resources!: string | null;

  @Column({ name: "budget_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Budget in minor units of the currency" })
  budgetMinor!: string;

  @Column("char")
  @Field({ description: "ISO 4217" })
  currency!: string;

  @Column({ name: "acceptance_report", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  acceptanceReport!: string | null;

  @Column({ name: "client_evaluation", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  clientEvaluation!: string | null;

  @Column({ name: "accepted_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}

@Entity({ name: "supervision_checks" })
@ObjectType({ description: "A supervision check during execution; a failed one carries a rectification notice" })
export class SupervisionCheck extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

  @Column("text")
  @Field()
  findings!: string;

  @Column("boolean")
  @Field()
  passed!: boolean;

  @Column({ name: "rectification_notice", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  rectificationNotice!: string | null;

  @Column({ name: "rectified_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  rectifiedAt!: Date | null;

  @Column({ name: "checked_by", type: "uuid" })
  checkedBy!: string;

  @Column({ name: "checked_at", type: "timestamptz" })
  @Field()
  checkedAt!: Date;
}

@Entity({ name: "project_costs" })
@ObjectType()
export class ProjectCost extends TenantRow {
  @Column({ name: "project_id", type: "uuid" })
  projectId!: string;

  @Column({ name: "amount_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Minor units of the project's currency" })
  amountMinor!: string;

  @Column("text")
  @Field()
  description!: string;

  @Column({ name: "incurred_on", type: "date" })
  @Field()
  incurredOn!: string;

  @Column({ name: "recorded_by", type: "uuid" })
  recordedBy!: string;
}

@ObjectType({ description: "Budget against the costs recorded so far" })
export class ProjectBudget {
  @Field(() => ID, { description: "Derived from the project's id: the same budget before and after a cost is recorded" })
  id!: string;

  @Field()
  budgetMinor!: string;

  @Field()
  actualMinor!: string;

  @Field({ description: "Budget minus actual; negative when over budget" })
  remainingMinor!: string;

  @Field()
  currency!: string;

  @Field()
  overBudget!: boolean;
}
