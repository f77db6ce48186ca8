import { IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { RiskCategory, RiskResponse, ThresholdDirection, WarningStatus } from "./risk.entity";
import { NotBlank } from "../../shared/validation";


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
