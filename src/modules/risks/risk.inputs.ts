import { IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { RiskCategory, RiskResponse, ThresholdDirection, WarningStatus } from "./risk.entity";
import { CalendarDate, NotBlank } from "../../shared/validation";
import { Department } from "../../context/roles";


@InputType({ description: "A new risk for the acting tenant's register" })
export class CreateRiskInput {
  @Field({ description: "A short name of the risk, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true, description: "What the risk is, at most 5000 characters" })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => RiskCategory, { description: "The kind of risk" })
  category!: RiskCategory;

  @Field(() => Int, { description: "1 (rare) to 5 (almost certain)" })
  @Min(1)
  @Max(5)
  likelihood!: number;

  @Field(() => Int, { description: "1 (minor) to 5 (severe)" })
  @Min(1)
  @Max(5)
  impact!: number;

  @Field(() => RiskResponse, { description: "How the tenant responds to it" })
  response!: RiskResponse;

  @Field(() => ID, { description: "Who owns the risk (a user id): a working member of the acting tenant" })
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId!: string;

  @Field(() => Department, { nullable: true, description: "The department responsible for the response" })
  @IsOptional()
  responsibleDepartment?: Department;

  @Field(() => ID, { nullable: true, description: "The operation project of the acting tenant the risk belongs to" })
  @IsOptional()
  @IsUUID("all", { message: "projectId must be an id" })
  projectId?: string;

  @Field(() => String, { nullable: true, description: "The first review date, an ISO date (YYYY-MM-DD)" })
  @IsOptional()
  @CalendarDate()
  nextReviewOn?: string;
}

@InputType({ description: "Changes to an open risk; omitted fields stay as they are" })
export class UpdateRiskInput {
  @Field(() => Int, { nullable: true, description: "1 (rare) to 5 (almost certain)" })
  @IsOptional()
  @Min(1)
  @Max(5)
  likelihood?: number;

  @Field(() => Int, { nullable: true, description: "1 (minor) to 5 (severe)" })
  @IsOptional()
  @Min(1)
  @Max(5)
  impact?: number;

  @Field(() => RiskResponse, { nullable: true, description: "How the tenant responds to it" })
  @IsOptional()
  response?: RiskResponse;

  @Field(() => ID, { nullable: true, description: "The new owner (a user id): a working member of the register's tenant" })
  @IsOptional()
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId?: string;

  @Field(() => Department, { nullable: true, description: "The department responsible for the response" })
  @IsOptional()
  responsibleDepartment?: Department;

  @Field(() => ID, { nullable: true, description: "Links the risk to this operation project of the register's tenant" })
  @IsOptional()
  @IsUUID("all", { message: "projectId must be an id" })
  projectId?: string;
}

@InputType({ description: "One review of a risk" })
export class RiskReviewInput {
  @Field({ description: "What the review found, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  note!: string;

  @Field(() => Int, { nullable: true, description: "The likelihood after the review; omitted: unchanged" })
  @IsOptional()
  @Min(1)
  @Max(5)
  likelihood?: number;

  @Field(() => Int, { nullable: true, description: "The impact after the review; omitted: unchanged" })
  @IsOptional()
  @Min(1)
  @Max(5)
  impact?: number;

  @Field(() => String, { nullable: true, description: "The next review date, an ISO date after today; omitted: none planned" })
  @IsOptional()
  @CalendarDate()
  nextReviewOn?: string;
}

@InputType({ description: "A measured indicator of a risk and its warning threshold" })
export class AddRiskIndicatorInput {
  @Field({ description: "What is measured, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: "The unit of the values, free text, at most 40 characters" })
  @IsOptional()
  @MaxLength(40)
  unit?: string;

  @Field(() => Float, { description: "The value that raises a warning, in the indicator's unit" })
  warningThreshold!: number;

  @Field(() => ThresholdDirection, { description: "Which side of the threshold warns" })
  direction!: ThresholdDirection;
}

@ArgsType()
export class RiskWarningListArgs extends PageArgs {
  @Field(() => WarningStatus, { nullable: true, description: "Only warnings with this status" })
  status?: WarningStatus;
}
