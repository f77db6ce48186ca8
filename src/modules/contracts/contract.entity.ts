import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

/** Seed 003 §3: drafted, reviewed by the centre's legal side, signed, amended by both parties, terminated. */
export enum ContractStatus {
  DRAFT = "DRAFT",
  LEGAL_REVIEW = "LEGAL_REVIEW",
  SIGNED = "SIGNED",
  AMENDED = "AMENDED",
  TERMINATED = "TERMINATED",
}
registerEnumType(ContractStatus, { name: "ContractStatus" });

/** A partner contract; the row lives in the partner's tenant, written by its centre (parent_tenant_id). */
@Entity({ name: "partner_contracts" })
@ObjectType({ description: "A contract between a centre and one of its partners (seed 003 §3)" })
export class PartnerContract extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column("text")
  @Field()
  title!: string;

  @Column("text")
  @Field(() => ContractStatus)
  status!: ContractStatus;

  @Column({ name: "current_version", type: "int" })
  currentVersion!: number;

  @Column({ name: "signed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  signedAt!: Date | null;

  @Column({ name: "terminated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  terminatedAt!: Date | null;

  @Column({ name: "termination_cause", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  terminationCause!: string | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}

/** The terms of one version; version 1 is the draft, each amendment adds the next. */
@Entity({ name: "partner_contract_versions" })
@ObjectType({ description: "The terms of a contract as of one version" })
export class ContractVersion extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "contract_id", type: "uuid" })
  contractId!: string;

  @Column("int")
  @Field(() => Int)
  version!: number;

  @Column({ name: "rights_and_duties", type: "text" })
  @Field()
  rightsAndDuties!: string;

  @Column({ name: "service_content", type: "text" })
  @Field()
  serviceContent!: string;

  @Column({ name: "price_terms", type: "text" })
  @Field()
  priceTerms!: string;

  @Column({ name: "value_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "The contract value in minor units of its currency, as digits" })
  valueMinor!: string;

  @Column("char")
  @Field({ description: "ISO 4217" })
  currency!: string;

  @Column({ name: "quality_standard", type: "text" })
  @Field()
  qualityStandard!: string;

  @Column({ name: "breach_liability", type: "text" })
  @Field()
  breachLiability!: string;

  @Column({ name: "dispute_resolution", type: "text" })
  @Field()
  disputeResolution!: string;

  @Column({ name: "valid_from", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  validFrom!: string;

  @Column({ name: "valid_until", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  validUntil!: string;

  @Column({ name: "change_summary", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "What an amendment changes; null on version 1" })
  changeSummary!: string | null;

  @Column({ name: "proposed_by", type: "uuid" })
  proposedBy!: string;

  @Column({ name: "proposed_at", type: "timestamptz" })
  @Field()
  proposedAt!: Date;

  @Column({ name: "partner_consented_by", type: "uuid", nullable: true })
  partnerConsentedBy!: string | null;

  @Column({ name: "partner_consented_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  partnerConsentedAt!: Date | null;

  @Column({ name: "declined_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  declinedAt!: Date | null;

  @Column({ name: "decline_reason", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  declineReason!: string | null;
}

/** What the partner has claimed against a contract, summed in SQL. */
export interface ContractSettlementTotals {
  claimedMinor: string;
  paidMinor: string;
  owedMinor: string;
  hasFinalSettlement: boolean;
}
