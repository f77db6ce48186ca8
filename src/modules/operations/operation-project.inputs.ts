import { IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { ProjectStage } from "./operation-project.entity";

const MINOR_UNITS = /^[0-9]{1,15}$/;

@InputType({ description: "Intake of a hosted-operation project: feasibility and risk come first" })
export class CreateOperationProjectInput {
  @Field()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { nullable: true, description: "The client of the caller's tenant the project is run for" })
  @IsOptional()
  @IsUUID("all", { message: "clientId must be an id" })
  clientId?: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  feasibility!: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  riskAssessment!: string;

  @Field({ description: "Integer minor units, as a string of digits" })
  @Matches(MINOR_UNITS, { message: "budgetMinor must be whole minor units (digits only)" })
  budgetMinor!: string;

  @Field()
  @Matches(/^[A-Z]{3}$/, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;
}

@InputType({ description: "The operations plan" })
export class PlanOperationProjectInput {
  @Field()
  @NotBlank()
  @MaxLength(5000)
  goals!: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  strategy!: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  resources!: string;
}

@InputType()
export class SupervisionCheckInput {
  @Field()
  @NotBlank()
  @MaxLength(5000)
  findings!: string;

  @Field()
  passed!: boolean;

  @Field(() => String, { nullable: true, description: "Required when the check failed" })
  @IsOptional()
  @MaxLength(5000)
  rectificationNotice?: string;
}

@InputType()
export class ProjectCostInput {
  @Field({ description: "Integer minor units, as a string of digits" })
  @Matches(MINOR_UNITS, { message: "amountMinor must be whole minor units (digits only)" })
  amountMinor!: string;

  @Field()
  @NotBlank()
  @MaxLength(500)
  description!: string;

  @Field({ description: "YYYY-MM-DD" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "incurredOn must be a date as YYYY-MM-DD" })
  incurredOn!: string;
}

@ArgsType()
export class OperationProjectListArgs extends PageArgs {
  @Field(() => ProjectStage, { nullable: true })
  stage?: ProjectStage;
}
