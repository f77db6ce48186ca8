import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import {
  CertificationResult,
  EvaluationDimension,
  IntakeChannel,
  ServiceRecordKind,
  ServiceStep,
  ServiceTier,
} from "./service-step";
import { NotBlank } from "../../shared/validation";


@InputType({ description: "A new case for a client of the caller's own tenant" })
export class OpenServiceCaseInput {
  @Field(() => ID)
  @IsUUID("all", { message: "clientId must be an id" })
  clientId!: string;

  @Field(() => ServiceTier)
  tier!: ServiceTier;

  @Field()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The assigned consultant; defaults to the caller when a consultant, else the client's consultant, else the caller",
  })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string;

  @Field(() => String, { nullable: true, description: "The needs captured at intake; defaults to the client's recorded needs" })
  @IsOptional()
  @MaxLength(5000)
  needs?: string;

  @Field(() => IntakeChannel, { nullable: true, description: "How the needs came in (default ONLINE_FORM)" })
  @IsOptional()
  intakeChannel?: IntakeChannel;
}

@InputType()
export class RecordCaseNeedsInput {
  @Field(() => IntakeChannel)
  channel!: IntakeChannel;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  needs!: string;
}

@InputType({ description: "A new version of the personalised plan" })
export class DraftServicePlanInput {
  @Field()
  @NotBlank()
  @MaxLength(20000)
  content!: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  schedule!: string;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  expectedResults!: string;
}

@InputType()
export class AddCaseTaskInput {
  @Field()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { description: "A member of the case's tenant" })
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId!: string;

  @Field({ description: "ISO date, YYYY-MM-DD" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "dueOn must be a date as YYYY-MM-DD" })
  @IsISO8601({ strict: true }, { message: "dueOn must be a real date" })
  dueOn!: string;
}

@InputType()
export class RecordServiceDeliveryInput {
  @Field(() => ServiceRecordKind)
  kind!: ServiceRecordKind;

  @Field()
  startedAt!: Date;

  @Field({ nullable: true })
  @IsOptional()
  endedAt?: Date;

  @Field()
  @NotBlank()
  @MaxLength(500)
  place!: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(500)
  @MaxLength(200, { each: true })
  participants!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  outcome?: string;
}

@InputType()
export class RecordMaterialHandoverInput {
  @Field({ description: "The third-party due-diligence body" })
  @NotBlank()
  @MaxLength(200)
  bodyName!: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @NotBlank({ each: true })
  @MaxLength(300, { each: true })
  documents!: string[];

  @Field({ nullable: true, description: "Defaults to now" })
  @IsOptional()
  handedOverAt?: Date;
}

@InputType()
export class ScheduleCertificationReviewInput {
  @Field({ description: "The certification body" })
  @NotBlank()
  @MaxLength(200)
  bodyName!: string;

  @Field()
  scheduledFor!: Date;
}

@InputType()
export class RecordCertificationResultInput {
  @Field(() => CertificationResult)
  result!: CertificationResult;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  notes?: string;
}

@InputType()
export class DimensionScoreInput {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field(() => Int, { description: "1 (poor) to 5 (excellent)" })
  @Min(1)
  @Max(5)
  score!: number;
}

@InputType()
export class EvaluateServiceCaseInput {
  @Field(() => [DimensionScoreInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  scores!: DimensionScoreInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  clientFeedback?: string;

  @Field({ defaultValue: false })
  followUpNeeded!: boolean;
}

@ArgsType()
export class ServiceCaseListArgs extends PageArgs {
  @Field(() => ServiceStep, { nullable: true })
  step?: ServiceStep;

  @Field(() => ServiceTier, { nullable: true })
  tier?: ServiceTier;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string;

  @Field({
    nullable: true,
    description: "true: open cases past their response target or with an overdue task; false: the others",
  })
  overdue?: boolean;
}
