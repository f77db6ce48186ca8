import { IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { ProjectStage } from "./operation-project.entity";

const MINOR_UNITS = /^[0-9]{1,15}$/;

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

@ArgsType()
export class OperationProjectListArgs extends PageArgs {
  @Field(() => ProjectStage, { nullable: true, description: "Only projects at this stage" })
  stage?: ProjectStage;
}
