import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { CURRENCY } from "../../shared/money";
import { PageArgs } from "../../shared/pagination";
import { CalendarDate, NotBlank } from "../../shared/validation";
import { ServiceStandardStatus } from "./service-standard.entity";

@InputType({ description: "A new version of a service standard, submitted to the national centre for review" })
export class SubmitServiceStandardInput {
  @Field({ description: "Versions are counted per title" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field({ description: "The services and situations the standard covers" })
  @MaxLength(2000)
  scope!: string;

  @Field()
  @NotBlank()
  @MaxLength(50000)
  content!: string;
}

@ArgsType()
export class ServiceStandardListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this company's standards" })
  @IsOptional()
  @IsUUID("all", { message: "tenantId must be an id" })
  tenantId?: string;

  @Field(() => ServiceStandardStatus, { nullable: true })
  status?: ServiceStandardStatus;

  @Field(() => Boolean, { nullable: true, description: "Only the versions in force (APPROVED)" })
  publishedOnly?: boolean;
}

@InputType({ description: "Seed 000 §4: what the company did in one period" })
export class SubmitBusinessReportInput {
  @Field()
  @CalendarDate()
  periodFrom!: string;

  @Field({ description: "Last day of the period, not before periodFrom" })
  @CalendarDate()
  periodUntil!: string;

  @Field({ description: "Integer minor units, as a string of digits" })
  revenueMinor!: string;

  @Field()
  @Matches(CURRENCY, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  projects!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  clientsServed!: number;

  @Field()
  @MaxLength(20000)
  issues!: string;
}

@ArgsType()
export class BusinessReportListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this company's reports" })
  @IsOptional()
  @IsUUID("all", { message: "tenantId must be an id" })
  tenantId?: string;

  @Field(() => String, { nullable: true, description: "Reports whose period ends on or after this date" })
  @IsOptional()
  @CalendarDate()
  from?: string;

  @Field(() => String, { nullable: true, description: "Reports whose period starts on or before this date" })
  @IsOptional()
  @CalendarDate()
  to?: string;
}
