import { IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { ContractStatus } from "./contract.entity";

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const CURRENCY = /^[A-Z]{3}$/;

/** The terms of one contract version (seed 003 §3: rights and duties, content, price, quality, liability). */
@InputType()
export class ContractTermsInput {
  @Field({ description: "Both parties' rights and duties, at most 10000 characters" })
  @NotBlank()
  @MaxLength(10000)
  rightsAndDuties!: string;

  @Field({ description: "The services the partner provides, at most 10000 characters" })
  @NotBlank()
  @MaxLength(10000)
  serviceContent!: string;

  @Field({ description: "The price and payment terms, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  priceTerms!: string;

  @Field({ description: "The contract value: integer minor units, as a string of digits" })
  valueMinor!: string;

  @Field({ description: "The contract's currency, an ISO 4217 code (e.g. CNY)" })
  @Matches(CURRENCY, { message: "currency must be an ISO 4217 code such as CNY" })
  currency!: string;

  @Field({ description: "The quality the services must meet, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  qualityStandard!: string;

  @Field({ description: "The liability for a breach of contract, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  breachLiability!: string;

  @Field({ description: "How disputes are resolved, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  disputeResolution!: string;

  @Field({ description: "First day the terms apply (YYYY-MM-DD)" })
  @Matches(DATE_ONLY, { message: "validFrom must be a date as YYYY-MM-DD" })
  validFrom!: string;

  @Field({ description: "Last day the terms apply (YYYY-MM-DD), after validFrom" })
  @Matches(DATE_ONLY, { message: "validUntil must be a date as YYYY-MM-DD" })
  validUntil!: string;
}

@InputType({ description: "A draft: its title and the terms of version 1" })
export class ContractDraftInput extends ContractTermsInput {
  @Field({ description: "The contract's title, at most 300 characters" })
  @NotBlank()
  @MaxLength(300)
  title!: string;
}

@InputType({ description: "A new contract with one of the acting centre's active partners" })
export class CreatePartnerContractInput extends ContractDraftInput {
  @Field(() => ID, { description: "A PARTNER child tenant of the acting centre, ACTIVE" })
  @IsUUID("all", { message: "partnerId must be an id" })
  partnerId!: string;
}

@InputType({ description: "The terms of the next version, and what changes" })
export class ContractAmendmentInput extends ContractTermsInput {
  @Field({ description: "What the amendment changes, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  changeSummary!: string;
}

@ArgsType()
export class PartnerContractListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this partner's contracts (its tenant id)" })
  @IsOptional()
  @IsUUID("all", { message: "partnerId must be an id" })
  partnerId?: string;

  @Field(() => ContractStatus, { nullable: true, description: "Only contracts with this status" })
  status?: ContractStatus;
}
