import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { CURRENCY } from "../../shared/money";
import { PageArgs } from "../../shared/pagination";
import { CalendarDate, NotBlank } from "../../shared/validation";
import { ServiceStandardStatus } from "./service-standard.entity";

@InputType({ description: "A new version of a service standard, submitted to the national centre for review" })
export class SubmitServiceStandardInput {
  @Field({ description: "The standard's title, at most 200 characters; versions are counted per title" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field({ description: "The services and situations the standard covers, at most 2000 characters" })
  @MaxLength(2000)
  scope!: string;

  @Field({ description: "The text of the standard, at most 50000 characters" })
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

  @Field(() => ServiceStandardStatus, { nullable: true, description: "Only versions with this status" })
  status?: ServiceStandardStatus;

  @Field(() => Boolean, { nullable: true, description: "Only the versions in force (APPROVED)" })
  publishedOnly?: boolean;
}

@InputType({ description: "Seed 000 §4: what the company did in one period" })
export class SubmitBusinessReportInput {
  @Field({ description: "First day of the period, an ISO date (YYYY-MM-DD)" })
  @CalendarDate()
  periodFrom!: string;

  @Field({ description: "Last day of the period (YYYY-MM-DD), not before periodFrom" })
  @CalendarDate()
  periodUntil!: string;

  @Field({ description: "The period's revenue in integer minor units, as a string of digits" })
  revenueMinor!: string;

  @Field({ description: "An ISO 4217 currency code, e.g. CNY" })
  @Matches(CURRENCY, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;

  @Field(() => Int, { description: "How many projects the company ran in the period, 0 to 1,000,000" })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  projects!: number;

  @Field(() => Int, { description: "How many clients it served in the period, 0 to 100,000,000" })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  clientsServed!: number;

  @Field({ description: "Problems met in the period and how they are handled, at most 20000 characters" })
  @MaxLength(20000)
  issues!: string;
}

@ArgsType()
export class BusinessReportListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this company's reports" })
  @IsOptional()
  @IsUUID("all", { message: "tenantId must be an id" })
  tenantId?: string;

  @Field(() => String, { nullable: true, description: "Reports whose period ends on or after this date (YYYY-MM-DD)" })
  @IsOptional()
  @CalendarDate()
  from?: string;

  @Field(() => String, { nullable: true, description: "Reports whose period starts on or before this date (YYYY-MM-DD)" })
  @IsOptional()
  @CalendarDate()
  to?: string;
}
