import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

/** Rejected or withdrawn statements go back to DRAFT for correction; REJECTED is never stored by the API. */
export enum SettlementStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
}
registerEnumType(SettlementStatus, {
  name: "SettlementStatus",
  description: "Where an inter-centre statement stands; a rejected or withdrawn one goes back to DRAFT",
  valuesConfig: {
    DRAFT: { description: "Being drawn up; lines may be added" },
    SUBMITTED: { description: "Awaiting its approval request's decision" },
    APPROVED: { description: "Approved; the counterparty may acknowledge it" },
  },
});

/**
 * Seed 001: the national centre's statement with one of its city centres or affiliated companies,
 * stored in the counterparty's tenant and written only by the national centre.
 */
@Entity({ name: "inter_centre_settlements" })
@ObjectType({ description: "A national centre's settlement statement with a city centre or affiliated company for one period" })
export class InterCentreSettlement extends ParentedTenantRow {
  @Column({ name: "period_from", type: "date" })
  @Field({ description: "First day of the settled period, an ISO date (YYYY-MM-DD)" })
  periodFrom!: string;

  @Column({ name: "period_until", type: "date" })
  @Field({ description: "Last day of the settled period, an ISO date (YYYY-MM-DD)" })
  periodUntil!: string;

  @Column("char")
  @Field({ description: "The statement's currency, an ISO 4217 code (e.g. CNY)" })
  currency!: string;

  @Column({ name: "total_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Exact sum of the line items in minor units, signed: positive, the national centre owes the counterparty" })
  totalMinor!: string;

  @Column("text")
  @Field(() => SettlementStatus, { description: "Where the statement stands" })
  status!: SettlementStatus;

  @Column({ name: "submitted_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was last submitted for approval" })
  submittedAt!: Date | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When its approval request was decided" })
  decidedAt!: Date | null;

  @Column({ name: "acknowledged_by", type: "uuid", nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: "acknowledged_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the counterparty acknowledged the approved statement" })
  acknowledgedAt!: Date | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the statement was drawn up" })
  createdAt!: Date;
}

@Entity({ name: "settlement_line_items" })
@ObjectType({ description: "One signed amount of a settlement statement; immutable once added" })
export class SettlementLineItem extends ParentedTenantRow {
  @Column({ name: "settlement_id", type: "uuid" })
  @Field(() => ID, { description: "The statement the line belongs to" })
  settlementId!: string;

  @Column("text")
  @Field({ description: "What the amount is for" })
  description!: string;

  @Column({ name: "amount_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Signed minor units: positive, the national centre owes the counterparty; negative, the reverse" })
  amountMinor!: string;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the line was added" })
  createdAt!: Date;
}
