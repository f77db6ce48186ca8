import { IsOptional, IsUUID, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { RevisitOutcome, RevisitStatus } from "./revisit.entity";
import { ServiceChannel, ServiceEscalationLevel, ServiceRequestKind, ServiceRequestStatus } from "./service-request.entity";

@InputType({ description: "A client's problem or complaint, as the consultant or staff took it down" })
export class RaiseServiceRequestInput {
  @Field(() => ServiceRequestKind, { description: "Problem or complaint" })
  kind!: ServiceRequestKind;

  @Field(() => ServiceChannel, { description: "How the client raised it" })
  channel!: ServiceChannel;

  @Field(() => ID, { description: "The client, of the acting centre" })
  @IsUUID("all", { message: "clientId must be an id" })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: "The client's service case it concerns, if any; its tier then sets the deadline" })
  @IsOptional()
  @IsUUID("all", { message: "caseId must be an id" })
  caseId?: string;

  @Field(() => ID, {
    nullable: true,
    description: "The handler: a staff member or consultant of the centre (user id); omitted: the client's dedicated consultant for a SPECIAL client, else the caller",
  })
  @IsOptional()
  @IsUUID("all", { message: "handlerId must be an id" })
  handlerId?: string;

  @Field({ description: "What it is about, at most 300 characters" })
  @NotBlank()
  @MaxLength(300)
  subject!: string;

  @Field({ description: "What the client said, at most 10000 characters" })
  @NotBlank()
  @MaxLength(10000)
  description!: string;
}

@ArgsType()
export class ServiceRequestListArgs extends PageArgs {
  @Field(() => ServiceRequestKind, { nullable: true, description: "Only problems, or only complaints" })
  kind?: ServiceRequestKind;

  @Field(() => ServiceRequestStatus, { nullable: true, description: "Only those with this status" })
  status?: ServiceRequestStatus;

  @Field(() => ServiceEscalationLevel, { nullable: true, description: "Only complaints escalated exactly this far" })
  escalation?: ServiceEscalationLevel;

  @Field(() => ID, { nullable: true, description: "Only this client's" })
  @IsOptional()
  @IsUUID("all", { message: "clientId must be an id" })
  clientId?: string;

  @Field(() => ID, { nullable: true, description: "Only those handled by this user" })
  @IsOptional()
  @IsUUID("all", { message: "handlerId must be an id" })
  handlerId?: string;
}

@InputType({ description: "A further revisit of a case's client, scheduled by hand" })
export class ScheduleRevisitInput {
  @Field(() => ID, { description: "The case whose client is to be revisited" })
  @IsUUID("all", { message: "caseId must be an id" })
  caseId!: string;

  @Field({ description: "Due by then; not in the past" })
  dueAt!: Date;
}

@InputType({ description: "The revisit as it took place" })
export class RecordRevisitInput {
  @Field(() => ServiceChannel, { description: "How the client was reached" })
  channel!: ServiceChannel;

  @Field(() => RevisitOutcome, { description: "What the client said" })
  outcome!: RevisitOutcome;

  @Field(() => String, { nullable: true, description: "Notes of the conversation, at most 10000 characters" })
  @IsOptional()
  @MaxLength(10000)
  notes?: string;

  @Field(() => Date, { nullable: true, description: "When the client was contacted; omitted: now; never in the future" })
  doneAt?: Date;
}

@ArgsType()
export class RevisitListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this case's revisits" })
  @IsOptional()
  @IsUUID("all", { message: "caseId must be an id" })
  caseId?: string;

  @Field(() => RevisitStatus, { nullable: true, description: "Only scheduled, or only done, revisits" })
  status?: RevisitStatus;
}
