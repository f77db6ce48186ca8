import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ApprovalDecision, ApprovalStatus, ApprovalStepStatus } from "./approval-types";

/** An upward decision about one subject (a grant, a contract review, …), owned by the requester's tenant. */
@Entity({ name: "approval_requests" })
@ObjectType()
export class ApprovalRequest extends TenantRow {
  /** The requester tenant's parent: the only other tenant that may decide a step. */
  @Column({ name: "parent_tenant_id", type: "uuid", nullable: true })
  parentTenantId!: string | null;

  @Column({ name: "subject_type", type: "text" })
  @Field({ description: "What is being decided, e.g. GRANT" })
  subjectType!: string;

  @Column({ name: "subject_id", type: "uuid" })
  @Field(() => ID)
  subjectId!: string;

  @Column("smallint")
  @Field(() => Int, { description: "1 (highest) to 4 (seed 002)" })
  level!: number;

  @Column("text")
  @Field()
  reason!: string;

  @Column({ name: "requester_id", type: "uuid" })
  requesterId!: string;

  @Column({ name: "requester_membership_id", type: "uuid" })
  requesterMembershipId!: string;

  @Column("text")
  @Field(() => ApprovalStatus)
  status!: ApprovalStatus;

  @Column({ name: "current_position", type: "int", nullable: true })
  currentPosition!: number | null;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
}

/** One step of a request's chain: which tenant decides, at which authority level, and what it decided. */
@Entity({ name: "approval_steps" })
@ObjectType()
export class ApprovalStep extends TenantRow {
  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  @Column({ name: "parent_tenant_id", type: "uuid", nullable: true })
  parentTenantId!: string | null;

  @Column("int")
  @Field(() => Int, { description: "0 for the first step" })
  position!: number;

  @Column({ name: "deciding_tenant_id", type: "uuid" })
  decidingTenantId!: string;

  @Column({ name: "min_authority_level", type: "smallint" })
  @Field(() => Int, { description: "A decider's authority level number must be at most this (1 is highest)" })
  minAuthorityLevel!: number;

  @Column("text")
  @Field(() => ApprovalStepStatus)
  status!: ApprovalStepStatus;

  @Column({ name: "activated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  activatedAt!: Date | null;

  @Column({ name: "due_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "The step's SLA" })
  dueAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => ApprovalDecision, { nullable: true })
  decision!: ApprovalDecision | null;

  @Column({ name: "decided_by", type: "uuid", nullable: true })
  decidedBy!: string | null;

  @Column({ name: "decided_membership_id", type: "uuid", nullable: true })
  decidedMembershipId!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Column("boolean")
  @Field({ description: "Escalated by the SLA job rather than by a person" })
  automatic!: boolean;

  @Field({ description: "Still pending after its SLA" })
  get overdue(): boolean {
    return this.status === ApprovalStepStatus.PENDING && this.dueAt !== null && this.dueAt.getTime() < Date.now();
  }
}
