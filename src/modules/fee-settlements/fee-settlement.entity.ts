import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

/** Seed 003 §6: applied by the partner, reviewed and approved by its centre, then paid by the centre's finance. */
export enum FeeSettlementStatus {
  APPLIED = "APPLIED",
  REVIEWED = "REVIEWED",
  APPROVED = "APPROVED",
  PAID = "PAID",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(FeeSettlementStatus, {
  name: "FeeSettlementStatus",
  description: "Where a fee settlement stands: APPLIED → REVIEWED → APPROVED → PAID (seed 003 §6)",
  valuesConfig: {
    APPLIED: { description: "Applied for by the partner (费用申请); awaiting the centre's review" },
    REVIEWED: { description: "Reviewed by the centre (审核); awaiting its approval" },
    APPROVED: { description: "Approved by the centre (审批); awaiting payment" },
    PAID: { description: "Paid by the centre (费用支付), with a payment reference" },
    REJECTED: { description: "Rejected by the centre; its amount no longer counts as claimed" },
    WITHDRAWN: { description: "Withdrawn by the partner; its amount no longer counts as claimed" },
  },
});

/** REGULAR while the contract runs; one FINAL after termination, for service up to the termination date. */
export enum FeeSettlementKind {
  REGULAR = "REGULAR",
  FINAL = "FINAL",
}
registerEnumType(FeeSettlementKind, {
  name: "FeeSettlementKind",
  description: "Whether a fee settlement is claimed while the contract runs or after it ended",
  valuesConfig: {
    REGULAR: { description: "Claimed while the contract runs (SIGNED or AMENDED)" },
    FINAL: { description: "The one claim after termination, for service up to the termination date" },
  },
});

@Entity({ name: "fee_settlements" })
@ObjectType({ description: "A partner's application for payment under its contract (seed 003 §6)" })
export class FeeSettlement extends ParentedTenantRow {
  @Column({ name: "contract_id", type: "uuid" })
  contractId!: string;

  @Column("text")
  @Field(() => FeeSettlementKind, { description: "Regular, or the final claim after termination" })
  kind!: FeeSettlementKind;

  @Column({ name: "amount_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "The amount claimed, in integer minor units of the contract's currency, as digits" })
  amountMinor!: string;

  @Column("char")
  @Field({ description: "The contract's currency, an ISO 4217 code (e.g. CNY)" })
  currency!: string;

  @Column({ name: "service_from", type: "date" })
  @Field({ description: "First day of the service claimed for, an ISO date (YYYY-MM-DD)" })
  serviceFrom!: string;

  @Column({ name: "service_until", type: "date" })
  @Field({ description: "Last day of the service claimed for, an ISO date (YYYY-MM-DD)" })
  serviceUntil!: string;

  @Column({ name: "proof_of_service", type: "text" })
  @Field({ description: "The service records that prove the claim" })
  proofOfService!: string;

  @Column("text")
  @Field(() => FeeSettlementStatus, { description: "Where the settlement stands" })
  status!: FeeSettlementStatus;

  @Column({ name: "reviewed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the centre reviewed it" })
  reviewedAt!: Date | null;

  @Column({ name: "approved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the centre approved it" })
  approvedAt!: Date | null;

  @Column({ name: "payment_reference", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The payment's reference, e.g. a bank transfer number" })
  paymentReference!: string | null;

  @Column({ name: "paid_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the payment was recorded" })
  paidAt!: Date | null;

  @Column({ name: "paid_by", type: "uuid", nullable: true })
  paidBy!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When its approval request ended (approved, rejected or withdrawn)" })
  decidedAt!: Date | null;

  @Column({ name: "applied_by", type: "uuid" })
  appliedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the partner applied" })
  createdAt!: Date;
}
