import { IsInt, IsNumber, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const Score = () => (target: object, property: string | symbol) => {
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property as string);
  Min(0)(target, property as string);
  Max(100)(target, property as string);
};

@InputType({ description: "The acting centre's own scheme; weights sum to 100, thresholds descend" })
export class SetAssessmentSchemeInput {
  @Field(() => Int) @IsInt() @Min(0) @Max(100) qualityWeight!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) efficiencyWeight!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) satisfactionWeight!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(100) fulfilmentWeight!: number;
  @Field(() => Float) @Score() grade1Min!: number;
  @Field(() => Float) @Score() grade2Min!: number;
  @Field(() => Float) @Score() grade3Min!: number;
  @Field(() => Float) @Score() passMin!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(100) failuresForRectification!: number;
  @Field(() => Int) @IsInt() @Min(2) @Max(100) failuresForTerminationReview!: number;
}

@InputType({ description: "One period's KPI scores (0–100, two decimals) of a partner or affiliated company of the acting centre" })
export class RecordAssessmentInput {
  @Field(() => ID)
  @IsUUID("all", { message: "providerId must be an id" })
  providerId!: string;

  @Field({ description: "YYYY-MM-DD" })
  @Matches(DATE, { message: "periodFrom must be a date as YYYY-MM-DD" })
  periodFrom!: string;

  @Field({ description: "YYYY-MM-DD, on or after periodFrom" })
  @Matches(DATE, { message: "periodUntil must be a date as YYYY-MM-DD" })
  periodUntil!: string;

  @Field(() => Float) @Score() quality!: number;
  @Field(() => Float) @Score() efficiency!: number;
  @Field(() => Float) @Score() satisfaction!: number;
  @Field(() => Float, { description: "Contract fulfilment rate, percent" }) @Score() fulfilmentRate!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  comments?: string;
}

@ArgsType()
export class AssessmentListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this provider's (tenant id)" })
  @IsOptional()
  @IsUUID("all", { message: "providerId must be an id" })
  providerId?: string;
}
