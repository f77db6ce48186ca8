import { IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { RiskCategory, RiskResponse, ThresholdDirection, WarningStatus } from "./risk.entity";
import { NotBlank } from "../../shared/validation";


@InputType()
export class CreateRiskInput {
  @Field()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => RiskCategory)
  category!: RiskCategory;

  @Field(() => Int)
  @Min(1)
  @Max(5)
  likelihood!: number;

  @Field(() => Int)
  @Min(1)
  @Max(5)
  impact!: number;

  @Field(() => RiskResponse)
  response!: RiskResponse;

  @Field(() => ID, { description: "A member of the caller's tenant" })
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId!: string;
}

@InputType()
export class AddRiskIndicatorInput {
  @Field()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  unit?: string;

  @Field(() => Float)
  warningThreshold!: number;

  @Field(() => ThresholdDirection)
  direction!: ThresholdDirection;
}

@ArgsType()
export class RiskWarningListArgs extends PageArgs {
  @Field(() => WarningStatus, { nullable: true })
  status?: WarningStatus;
}
