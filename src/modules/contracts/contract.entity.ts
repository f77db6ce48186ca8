import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

/** Seed 003 §3: drafted, reviewed by the centre's legal side, signed, amended by both parties, terminated. */
export enum ContractStatus {
  DRAFT = "DRAFT",
  LEGAL_REVIEW = "LEGAL_REVIEW",
  SIGNED = "SIGNED",
  AMENDED = "AMENDED",
  TERMINATED = "TERMINATED",
}
registerEnumType(ContractStatus, {
  name: "ContractStatus",
  description: "Where a partner contract stands: DRAFT → LEGAL_REVIEW → SIGNED → AMENDED → TERMINATED (seed 003 §3)",
  valuesConfig: {
    DRAFT: { description: "Being drafted by the centre (合同起草); the partner consents or declines" },
    LEGAL_REVIEW: { description: "Under the centre's legal review (合同审核), a PARTNER_CONTRACT approval" },
    SIGNED: { description: "Approved and signed by both parties (合同签订)" },
    AMENDED: { description: "Signed, and an amendment took effect (合同变更)" },
    TERMINATED: { description: "Ended by the centre (合同解除); one FINAL settlement may still be claimed" },
  },
});

/** A partner contract; the row lives in the partner's tenant, written by its centre (parent_tenant_id). */
@Entity({ name: "partner_contracts" })
@ObjectType({ description: "A contract between a centre and one of its partners (seed 003 §3)" })
export class PartnerContract extends ParentedTenantRow {
  @Column("text")
  @Field({ description: "The contract's title" })
  title!: string;

  @Column("text")
  @Field(() => ContractStatus, { description: "Where the contract stands" })
  status!: ContractStatus;

  @Column({ name: "current_version", type: "int" })
  currentVersion!: number;

  @Column({ name: "signed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the legal review approved and signed it" })
  signedAt!: Date | null;

  @Column({ name: "terminated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was terminated" })
  terminatedAt!: Date | null;

  @Column({ name: "termination_cause", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was terminated" })
  terminationCause!: string | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the centre drafted it" })
  createdAt!: Date;
}

/** The terms of one version; version 1 is the draft, each amendment adds the next. */
@Entity({ name: "partner_contract_versions" })
@ObjectType({ description: "The terms of a contract as of one version" })
export class ContractVersion extends ParentedTenantRow {
  @Column({ name: "contract_id", type: "uuid" })
  contractId!: string;

  @Column("int")
  @Field(() => Int, { description: "1 for the draft, then one more per amendment" })
  version!: number;

  @Column({ name: "rights_and_duties", type: "text" })
  @Field({ description: "Both parties' rights and duties" })
  rightsAndDuties!: string;

  @Column({ name: "service_content", type: "text" })
  @Field({ description: "The services the partner provides" })
  serviceContent!: string;

  @Column({ name: "price_terms", type: "text" })
  @Field({ description: "The price and payment terms" })
  priceTerms!: string;

  @Column({ name: "value_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "The contract value in integer minor units of its currency, as digits" })
  valueMinor!: string;

  @Column("char")
  @Field({ description: "The contract's currency, an ISO 4217 code (e.g. CNY)" })
  currency!: string;

  @Column({ name: "quality_standard", type: "text" })
  @Field({ description: "The quality the services must meet" })
  qualityStandard!: string;

  @Column({ name: "breach_liability", type: "text" })
  @Field({ description: "The liability for a breach of contract" })
  breachLiability!: string;

  @Column({ name: "dispute_resolution", type: "text" })
  @Field({ description: "How disputes are resolved" })
  disputeResolution!: string;

  @Column({ name: "valid_from", type: "date" })
  @Field({ description: "First day the terms apply, an ISO date (YYYY-MM-DD)" })
  validFrom!: string;

  @Column({ name: "valid_until", type: "date" })
  @Field({ description: "Last day the terms apply, an ISO date (YYYY-MM-DD)" })
  validUntil!: string;

  @Column({ name: "change_summary", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What an amendment changes; null on version 1" })
  changeSummary!: string | null;

  @Column({ name: "proposed_by", type: "uuid" })
  proposedBy!: string;

  @Column({ name: "proposed_at", type: "timestamptz" })
  @Field({ description: "When this version was drafted or proposed" })
  proposedAt!: Date;

  @Column({ name: "partner_consented_by", type: "uuid", nullable: true })
  partnerConsentedBy!: string | null;

  @Column({ name: "partner_consented_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the partner agreed to this version; null until then" })
  partnerConsentedAt!: Date | null;

  @Column({ name: "declined_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the partner refused this version" })
  declinedAt!: Date | null;

  @Column({ name: "decline_reason", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why the partner refused it" })
  declineReason!: string | null;
}

/** What the partner has claimed against a contract, summed in SQL. */
export interface ContractSettlementTotals {
  claimedMinor: string;
  paidMinor: string;
  owedMinor: string;
  hasFinalSettlement: boolean;
}
