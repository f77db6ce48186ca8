import { IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { CURRENCY, DATE_ONLY } from "../contracts/contract.inputs";
import { FeeSettlementStatus } from "./fee-settlement.entity";

@InputType({ description: "A partner's claim for service delivered under its contract" })
export class ApplyForFeeSettlementInput {
  @Field(() => ID, { description: "The partner's own SIGNED, AMENDED or TERMINATED contract" })
  @IsUUID("all", { message: "contractId must be an id" })
  contractId!: string;

  @Field({ description: "Integer minor units, as a string of digits, 1 to 2^63−1" })
  amountMinor!: string;

  @Field({ description: "An ISO 4217 currency code; must be the contract's currency" })
  @Matches(CURRENCY, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;

  @Field({ description: "First day of the service claimed for (YYYY-MM-DD)" })
  @Matches(DATE_ONLY, { message: "serviceFrom must be a date as YYYY-MM-DD" })
  serviceFrom!: string;

  @Field({ description: "Last day of the service claimed for (YYYY-MM-DD), not before serviceFrom" })
  @Matches(DATE_ONLY, { message: "serviceUntil must be a date as YYYY-MM-DD" })
  serviceUntil!: string;

  @Field({ description: "The service records that prove the claim (seed 003 §6), at most 10000 characters" })
  @NotBlank()
  @MaxLength(10000)
  proofOfService!: string;
}

@ArgsType()
export class FeeSettlementListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only settlements under this contract" })
  @IsOptional()
  @IsUUID("all", { message: "contractId must be an id" })
  contractId?: string;

  @Field(() => ID, { nullable: true, description: "Only this partner's settlements (its tenant id)" })
  @IsOptional()
  @IsUUID("all", { message: "partnerId must be an id" })
  partnerId?: string;

  @Field(() => FeeSettlementStatus, { nullable: true, description: "Only settlements with this status" })
  status?: FeeSettlementStatus;
}
