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
import { NameSearchArgs } from "../../shared/name-search";
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
  @Field(() => ID, { description: "The client's id; a client of the acting tenant" })
  @IsUUID("all", { message: "clientId must be an id" })
  clientId!: string;

  @Field(() => ServiceTier, { description: "The service tier; it sets the first-response target" })
  tier!: ServiceTier;

  @Field({ description: "A short title, at most 200 characters" })
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

@InputType({ description: "Needs a client stated after intake, by phone, online form or visit" })
export class RecordCaseNeedsInput {
  @Field(() => IntakeChannel, { description: "How the needs came in" })
  channel!: IntakeChannel;

  @Field({ description: "The needs, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  needs!: string;
}

@InputType({ description: "A new version of the personalised plan" })
export class DraftServicePlanInput {
  @Field({ description: "What the service will consist of, at most 20000 characters" })
  @NotBlank()
  @MaxLength(20000)
  content!: string;

  @Field({ description: "The timetable, free text, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  schedule!: string;

  @Field({ description: "What the client can expect at the end, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  expectedResults!: string;
}

@InputType({ description: "A task of the execution plan" })
export class AddCaseTaskInput {
  @Field({ description: "What is to be done, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { description: "Who owns the task (a user id): a working member of the case's tenant" })
  @IsUUID("all", { message: "ownerId must be an id" })
  ownerId!: string;

  @Field({ description: "The day it is due, an ISO date (YYYY-MM-DD)" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "dueOn must be a date as YYYY-MM-DD" })
  @IsISO8601({ strict: true }, { message: "dueOn must be a real date" })
  dueOn!: string;
}

@InputType({ description: "A training, consulting or certification session delivered" })
export class RecordServiceDeliveryInput {
  @Field(() => ServiceRecordKind, { description: "What kind of session it was" })
  kind!: ServiceRecordKind;

  @Field({ description: "When the session started" })
  startedAt!: Date;

  @Field({ nullable: true, description: "When it ended; not before startedAt" })
  @IsOptional()
  endedAt?: Date;

  @Field({ description: "Where it took place, at most 500 characters" })
  @NotBlank()
  @MaxLength(500)
  place!: string;

  @Field(() => [String], { defaultValue: [], description: "The names of those who took part (at most 500)" })
  @ArrayMaxSize(500)
  @MaxLength(200, { each: true })
  participants!: string[];

  @Field(() => String, { nullable: true, description: "What the session achieved, at most 5000 characters" })
  @IsOptional()
  @MaxLength(5000)
  outcome?: string;
}

@InputType({ description: "Materials handed to a third-party due-diligence body" })
export class RecordMaterialHandoverInput {
  @Field({ description: "The third-party due-diligence body" })
  @NotBlank()
  @MaxLength(200)
  bodyName!: string;

  @Field(() => [String], { description: "The names of the documents handed over (1 to 200)" })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @NotBlank({ each: true })
  @MaxLength(300, { each: true })
  documents!: string[];

  @Field({ nullable: true, description: "When they were handed over; defaults to now" })
  @IsOptional()
  handedOverAt?: Date;
}

@InputType({ description: "A certification review to schedule with a third-party body" })
export class ScheduleCertificationReviewInput {
  @Field({ description: "The certification body" })
  @NotBlank()
  @MaxLength(200)
  bodyName!: string;

  @Field({ description: "When the review takes place" })
  scheduledFor!: Date;
}

@InputType({ description: "The outcome of a certification review" })
export class RecordCertificationResultInput {
  @Field(() => CertificationResult, { description: "Passed or failed" })
  result!: CertificationResult;

  @Field(() => String, { nullable: true, description: "Notes on the result, at most 5000 characters" })
  @IsOptional()
  @MaxLength(5000)
  notes?: string;
}

@InputType({ description: "The client's score for one dimension" })
export class DimensionScoreInput {
  @Field(() => EvaluationDimension, { description: "What is scored" })
  dimension!: EvaluationDimension;

  @Field(() => Int, { description: "1 (poor) to 5 (excellent)" })
  @Min(1)
  @Max(5)
  score!: number;
}

@InputType({ description: "The client's quality evaluation of a case" })
export class EvaluateServiceCaseInput {
  @Field(() => [DimensionScoreInput], { description: "At least one score; each dimension at most once" })
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  scores!: DimensionScoreInput[];

  @Field(() => String, { nullable: true, description: "What the client said, at most 5000 characters" })
  @IsOptional()
  @MaxLength(5000)
  clientFeedback?: string;

  @Field({ defaultValue: false, description: "The client asks for follow-up (raise a service request for it; PROBLEM_HANDLING_RATE counts those)" })
  followUpNeeded!: boolean;
}

@ArgsType()
export class ServiceCaseListArgs extends NameSearchArgs {
  @Field(() => ServiceStep, { nullable: true, description: "Only cases at this step" })
  step?: ServiceStep;

  @Field(() => ServiceTier, { nullable: true, description: "Only cases of this tier" })
  tier?: ServiceTier;

  @Field(() => ID, { nullable: true, description: "Only cases assigned to this consultant (a user id)" })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string;

  @Field({
    nullable: true,
    description: "true: open cases past their response target or with an overdue task; false: the others",
  })
  overdue?: boolean;
}
