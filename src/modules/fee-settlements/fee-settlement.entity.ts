import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
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
registerEnumType(FeeSettlementStatus, { name: "FeeSettlementStatus" });

/** REGULAR while the contract runs; one FINAL after termination, for service up to the termination date. */
export enum FeeSettlementKind {
  REGULAR = "REGULAR",
  FINAL = "FINAL",
}
registerEnumType(FeeSettlementKind, { name: "FeeSettlementKind" });

@Entity({ name: "fee_settlements" })
@ObjectType({ description: "A partner's application for payment under its contract (seed 003 §6)" })
export class FeeSettlement extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "contract_id", type: "uuid" })
  contractId!: string;

  @Column("text")
  @Field(() => FeeSettlementKind)
  kind!: FeeSettlementKind;

  @Column({ name: "amount_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Minor units of the contract's currency, as digits" })
  amountMinor!: string;

  @Column("char")
  @Field({ description: "ISO 4217" })
  currency!: string;

  @Column({ name: "service_from", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  serviceFrom!: string;

  @Column({ name: "service_until", type: "date" })
  @Field({ description: "YYYY-MM-DD" })
  serviceUntil!: string;

  @Column({ name: "proof_of_service", type: "text" })
  @Field()
  proofOfService!: string;

  @Column("text")
  @Field(() => FeeSettlementStatus)
  status!: FeeSettlementStatus;

  @Column({ name: "reviewed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: "approved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Column({ name: "payment_reference", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  paymentReference!: string | null;

  @Column({ name: "paid_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  paidAt!: Date | null;

  @Column({ name: "paid_by", type: "uuid", nullable: true })
  paidBy!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Column({ name: "applied_by", type: "uuid" })
  appliedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}
