import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { CURRENCY } from "../../shared/money";
import { PageArgs } from "../../shared/pagination";
import { CalendarDate, NotBlank } from "../../shared/validation";
import { SettlementStatus } from "./settlement.entity";

@InputType({ description: "One signed amount of a settlement statement" })
export class SettlementLineItemInput {
  @Field({ description: "What the amount is for, at most 500 characters" })
  @NotBlank()
  @MaxLength(500)
  description!: string;

  @Field({ description: "Signed integer minor units as a string, never zero: positive, the national centre owes the counterparty" })
  amountMinor!: string;
}

@InputType({ description: "A draft statement of the acting national centre with one of its city centres or affiliated companies" })
export class CreateInterCentreSettlementInput {
  @Field(() => ID, { description: "A direct child of the acting national centre: a city centre or affiliated company" })
  @IsUUID("all", { message: "counterpartyId must be an id" })
  counterpartyId!: string;

  @Field({ description: "First day of the settled period (YYYY-MM-DD)" })
  @CalendarDate()
  periodFrom!: string;

  @Field({ description: "Last day of the settled period (YYYY-MM-DD), not before periodFrom" })
  @CalendarDate()
  periodUntil!: string;

  @Field({ description: "An ISO 4217 currency code, e.g. CNY; one statement per counterparty, period and currency" })
  @Matches(CURRENCY, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;

  @Field(() => [SettlementLineItemInput], { description: "The statement's lines, 1 to 500" })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  lineItems!: SettlementLineItemInput[];
}

@ArgsType()
export class SettlementListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only statements with this counterparty" })
  @IsOptional()
  @IsUUID("all", { message: "counterpartyId must be an id" })
  counterpartyId?: string;

  @Field(() => SettlementStatus, { nullable: true, description: "Only statements with this status" })
  status?: SettlementStatus;

  @Field(() => String, { nullable: true, description: "Statements whose period ends on or after this date (YYYY-MM-DD)" })
  @IsOptional()
  @CalendarDate()
  from?: string;

  @Field(() => String, { nullable: true, description: "Statements whose period starts on or before this date (YYYY-MM-DD)" })
  @IsOptional()
  @CalendarDate()
  to?: string;
}
