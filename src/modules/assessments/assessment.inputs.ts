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
  @Field(() => Int, { description: "Weight of the quality score, percent 0–100" }) @IsInt() @Min(0) @Max(100) qualityWeight!: number;
  @Field(() => Int, { description: "Weight of the efficiency score, percent 0–100" }) @IsInt() @Min(0) @Max(100) efficiencyWeight!: number;
  @Field(() => Int, { description: "Weight of the satisfaction score, percent 0–100" }) @IsInt() @Min(0) @Max(100) satisfactionWeight!: number;
  @Field(() => Int, { description: "Weight of the contract fulfilment rate, percent 0–100" }) @IsInt() @Min(0) @Max(100) fulfilmentWeight!: number;
  @Field(() => Float, { description: "Lowest weighted score for grade 1, at most 100" }) @Score() grade1Min!: number;
  @Field(() => Float, { description: "Lowest weighted score for grade 2, below grade1Min" }) @Score() grade2Min!: number;
  @Field(() => Float, { description: "Lowest weighted score for grade 3, below grade2Min and above 0" }) @Score() grade3Min!: number;
  @Field(() => Float, { description: "Lowest weighted score that passes, 0–100" }) @Score() passMin!: number;
  @Field(() => Int, { description: "Failures in a row that bring a rectification notice, 1–100" }) @IsInt() @Min(1) @Max(100) failuresForRectification!: number;
  @Field(() => Int, { description: "Failures in a row that bring a termination review, 2–100, above failuresForRectification" })
  @IsInt()
  @Min(2)
  @Max(100)
  failuresForTerminationReview!: number;
}

@InputType({ description: "One period's KPI scores (0–100, two decimals) of a partner or affiliated company of the acting centre" })
export class RecordAssessmentInput {
  @Field(() => ID, { description: "The partner or affiliated company (its tenant id): a direct child of the acting centre, not terminated" })
  @IsUUID("all", { message: "providerId must be an id" })
  providerId!: string;

  @Field({ description: "First day of the period (YYYY-MM-DD)" })
  @Matches(DATE, { message: "periodFrom must be a date as YYYY-MM-DD" })
  periodFrom!: string;

  @Field({ description: "Last day of the period (YYYY-MM-DD), on or after periodFrom" })
  @Matches(DATE, { message: "periodUntil must be a date as YYYY-MM-DD" })
  periodUntil!: string;

  @Field(() => Float, { description: "Service quality score, 0–100" }) @Score() quality!: number;
  @Field(() => Float, { description: "Service efficiency score, 0–100" }) @Score() efficiency!: number;
  @Field(() => Float, { description: "Client satisfaction score, 0–100" }) @Score() satisfaction!: number;
  @Field(() => Float, { description: "Contract fulfilment rate, percent" }) @Score() fulfilmentRate!: number;

  @Field(() => String, { nullable: true, description: "The assessor's comments, at most 5000 characters" })
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
