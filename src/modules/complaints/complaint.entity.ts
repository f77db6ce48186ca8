import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";

/** Seed 003 §7, seed 000 §6: investigate, negotiate, then mediation or arbitration, until resolved. */
export enum ComplaintStatus {
  OPEN = "OPEN",
  INVESTIGATING = "INVESTIGATING",
  NEGOTIATION = "NEGOTIATION",
  MEDIATION = "MEDIATION",
  ARBITRATION = "ARBITRATION",
  LITIGATION = "LITIGATION",
  RESOLVED = "RESOLVED",
}
registerEnumType(ComplaintStatus, {
  name: "ComplaintStatus",
  description: "Where a complaint or dispute stands (seed 003 §7, seed 000 §6)",
  valuesConfig: {
    OPEN: { description: "Raised (投诉受理); the centre has not started investigating" },
    INVESTIGATING: { description: "The centre investigates and collects evidence (调查核实)" },
    NEGOTIATION: { description: "The two sides negotiate (协商解决)" },
    MEDIATION: { description: "Negotiation failed; a mediator is involved" },
    ARBITRATION: { description: "Taken to arbitration (仲裁)" },
    LITIGATION: { description: "Taken to court after arbitration (诉讼)" },
    RESOLVED: { description: "Resolved with a recorded resolution; followed up (跟踪落实), rated by the raising side, and reopenable for DISPUTE_REOPEN_DAYS" },
  },
});

export enum ComplaintEventKind {
  EVIDENCE = "EVIDENCE",
  TRANSITION = "TRANSITION",
  FOLLOW_UP = "FOLLOW_UP",
}
registerEnumType(ComplaintEventKind, {
  name: "ComplaintEventKind",
  description: "What a complaint event records",
  valuesConfig: {
    EVIDENCE: { description: "Evidence one side added" },
    TRANSITION: { description: "A move of the complaint from one status to another" },
    FOLLOW_UP: { description: "The centre's follow-up of a resolution: whether the sides carry it out (跟踪落实)" },
  },
});

/** A complaint or dispute between a provider (partner or affiliated company) and its centre; the row lives in the provider's tenant. */
@Entity({ name: "complaints" })
@ObjectType({ description: "A complaint or dispute between a provider and its centre" })
export class Complaint extends ParentedTenantRow {
  @Column({ name: "raised_by_tenant_id", type: "uuid" })
  raisedByTenantId!: string;

  @Column("text")
  @Field({ description: "What the complaint is about, in a line" })
  subject!: string;

  @Column("text")
  @Field({ description: "The complaint in full" })
  description!: string;

  @Column("text")
  @Field(() => ComplaintStatus, { description: "Where the complaint stands" })
  status!: ComplaintStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The resolution reached; null until RESOLVED" })
  resolution!: string | null;

  @Column({ name: "resolved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was resolved" })
  resolvedAt!: Date | null;

  @Column({ type: "smallint", nullable: true })
  @Field(() => Int, { nullable: true, description: "The raising side's rating of the handling, 0–100, given once after resolution; 80 or more counts as satisfied" })
  satisfaction!: number | null;

  @Column({ name: "rated_by", type: "uuid", nullable: true })
  ratedBy!: string | null;

  @Column({ name: "raised_by", type: "uuid" })
  raisedBy!: string;

  @Column({ name: "handler_id", type: "uuid", nullable: true })
  handlerId!: string | null;

  @Column({ name: "reopened_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was last reopened after a resolution" })
  reopenedAt!: Date | null;

  @Column({ name: "reopen_count", type: "int" })
  @Field(() => Int, { description: "How many times it was reopened" })
  reopenCount!: number;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was raised" })
  createdAt!: Date;
}

/** Evidence either side adds, and each move of the complaint with its note. */
@Entity({ name: "complaint_events" })
@ObjectType({ description: "Evidence either side adds to a complaint, or one move of it with its note" })
export class ComplaintEvent extends ParentedTenantRow {
  @Column({ name: "complaint_id", type: "uuid" })
  complaintId!: string;

  @Column("text")
  @Field(() => ComplaintEventKind, { description: "Evidence or a move" })
  kind!: ComplaintEventKind;

  @Column({ name: "from_status", type: "text", nullable: true })
  @Field(() => ComplaintStatus, { nullable: true, description: "A move's previous status; null for evidence" })
  fromStatus!: ComplaintStatus | null;

  @Column({ name: "to_status", type: "text", nullable: true })
  @Field(() => ComplaintStatus, { nullable: true, description: "A move's new status; null for evidence" })
  toStatus!: ComplaintStatus | null;

  @Column("text")
  @Field({ description: "The evidence, or why the complaint moved" })
  note!: string;

  @Column({ name: "by_tenant_id", type: "uuid" })
  byTenantId!: string;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was recorded" })
  createdAt!: Date;
}
