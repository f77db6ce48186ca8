import { IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { CalendarDate, NotBlank } from "../../shared/validation";
import { ProjectStage } from "./operation-project.entity";

const MINOR_UNITS = /^[0-9]{1,15}$/;

@InputType({ description: "Who rectifies and by when; omitted: the project's creator, within RECTIFICATION_DEFAULT_DAYS" })
export class RectificationAssignmentInput {
  @Field(() => ID, { nullable: true, description: "The owner (a user id): a working member of the project's tenant" })
  @IsOptional()
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId?: string;

  @Field(() => String, { nullable: true, description: "The deadline, an ISO date (YYYY-MM-DD), today or later" })
  @IsOptional()
  @CalendarDate()
  dueOn?: string;
}

@InputType({ description: "A task of the project's division of work" })
export class ProjectTaskInput {
  @Field({ description: "What is to be done, at most 500 characters" })
  @NotBlank()
  @MaxLength(500)
  title!: string;

  @Field(() => ID, { description: "The owner (a user id): a working member of the project's tenant" })
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId!: string;

  @Field({ description: "The day it is due, an ISO date (YYYY-MM-DD)" })
  @CalendarDate()
  dueOn!: string;
}

@InputType({ description: "The hand-over record made on acceptance" })
export class ProjectHandOverInput {
  @Field(() => String, { nullable: true, description: "Who received the project on the client's side, at most 200 characters" })
  @IsOptional()
  @MaxLength(200)
  receivedBy?: string;

  @Field(() => String, { nullable: true, description: "What was handed over, at most 5000 characters" })
  @IsOptional()
  @MaxLength(5000)
  items?: string;
}

@InputType({ description: "Intake of a hosted-operation project: feasibility and risk come first" })
export class CreateOperationProjectInput {
  @Field({ description: "The project's name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { nullable: true, description: "The client of the caller's tenant the project is run for" })
  @IsOptional()
  @IsUUID("all", { message: "clientId must be an id" })
  clientId?: string;

  @Field({ description: "The feasibility assessment, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  feasibility!: string;

  @Field({ description: "The potential risks, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  riskAssessment!: string;

  @Field({ description: "The budget in integer minor units, as a string of at most 15 digits" })
  @Matches(MINOR_UNITS, { message: "budgetMinor must be whole minor units (digits only)" })
  budgetMinor!: string;

  @Field({ description: "An ISO 4217 currency code, e.g. CNY" })
  @Matches(/^[A-Z]{3}$/, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;
}

@InputType({ description: "The operations plan" })
export class PlanOperationProjectInput {
  @Field({ description: "The operations goals, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  goals!: string;

  @Field({ description: "The strategy, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  strategy!: string;

  @Field({ description: "The resources allocated, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  resources!: string;
}

@InputType({ description: "A supervision check during execution" })
export class SupervisionCheckInput {
  @Field({ description: "What the check found, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  findings!: string;

  @Field({ description: "Whether the project passed the check" })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: "What must be rectified; required when the check failed" })
  @IsOptional()
  @MaxLength(5000)
  rectificationNotice?: string;

  @Field(() => RectificationAssignmentInput, { nullable: true, description: "Owner and deadline of the notice a failed check issues" })
  @IsOptional()
  @ValidateNested()
  rectification?: RectificationAssignmentInput;
}

@InputType({ description: "A cost incurred by a project, in its currency" })
export class ProjectCostInput {
  @Field({ description: "Integer minor units, as a string of at most 15 digits; more than zero" })
  @Matches(MINOR_UNITS, { message: "amountMinor must be whole minor units (digits only)" })
  amountMinor!: string;

  @Field({ description: "What the cost was for, at most 500 characters" })
  @NotBlank()
  @MaxLength(500)
  description!: string;

  @Field({ description: "The day it was incurred, an ISO date (YYYY-MM-DD)" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "incurredOn must be a date as YYYY-MM-DD" })
  incurredOn!: string;
}

@InputType({ description: "The acceptance materials besides the operations report" })
export class AcceptanceMaterialsInput {
  @Field(() => String, { nullable: true, description: "The quality assessment, at most 10000 characters" })
  @IsOptional()
  @MaxLength(10000)
  qualityAssessment?: string;

  @Field(() => String, { nullable: true, description: "The client satisfaction survey result, at most 10000 characters" })
  @IsOptional()
  @MaxLength(10000)
  satisfactionSurveyResult?: string;
}

@ArgsType()
export class OperationProjectListArgs extends PageArgs {
  @Field(() => ProjectStage, { nullable: true, description: "Only projects at this stage" })
  stage?: ProjectStage;
}
