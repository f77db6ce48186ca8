import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

/** Seed 003 §7, seed 000 §6: investigate, negotiate, then mediation or arbitration, until resolved. */
export enum ComplaintStatus {
  OPEN = "OPEN",
  INVESTIGATING = "INVESTIGATING",
  NEGOTIATION = "NEGOTIATION",
  MEDIATION = "MEDIATION",
  ARBITRATION = "ARBITRATION",
  RESOLVED = "RESOLVED",
}
registerEnumType(ComplaintStatus, { name: "ComplaintStatus" });

export enum ComplaintEventKind {
  EVIDENCE = "EVIDENCE",
  TRANSITION = "TRANSITION",
}
registerEnumType(ComplaintEventKind, { name: "ComplaintEventKind" });

/** A complaint or dispute between a provider (partner or affiliated company) and its centre; the row lives in the provider's tenant. */
@Entity({ name: "complaints" })
@ObjectType({ description: "A complaint or dispute between a provider and its centre" })
export class Complaint extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "raised_by_tenant_id", type: "uuid" })
  raisedByTenantId!: string;

  @Column("text")
  @Field()
  subject!: string;

  @Column("text")
  @Field()
  description!: string;

  @Column("text")
  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Column({ name: "resolved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: "smallint", nullable: true })
  @Field(() => Int, { nullable: true, description: "0–100, given once by the side that raised it (seed 004 KPI: ≥ 95)" })
  satisfaction!: number | null;

  @Column({ name: "rated_by", type: "uuid", nullable: true })
  ratedBy!: string | null;

  @Column({ name: "raised_by", type: "uuid" })
  raisedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}

/** Evidence either side adds, and each move of the complaint with its note. */
@Entity({ name: "complaint_events" })
@ObjectType()
export class ComplaintEvent extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "complaint_id", type: "uuid" })
  complaintId!: string;

  @Column("text")
  @Field(() => ComplaintEventKind)
  kind!: ComplaintEventKind;

  @Column({ name: "from_status", type: "text", nullable: true })
  @Field(() => ComplaintStatus, { nullable: true })
  fromStatus!: ComplaintStatus | null;

  @Column({ name: "to_status", type: "text", nullable: true })
  @Field(() => ComplaintStatus, { nullable: true })
  toStatus!: ComplaintStatus | null;

  @Column("text")
  @Field()
  note!: string;

  @Column({ name: "by_tenant_id", type: "uuid" })
  byTenantId!: string;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}
