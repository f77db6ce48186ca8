import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ApprovalDecision, ApprovalStatus, ApprovalStepStatus } from "./approval-types";

/** An upward decision about one subject (a grant, a contract review, …), owned by the requester's tenant. */
@Entity({ name: "approval_requests" })
@ObjectType({ description: "An upward decision about one subject (a grant, a contract review, …), owned by the requester's tenant" })
export class ApprovalRequest extends TenantRow {
  /** The requester tenant's parent: the only other tenant that may decide a step. */
  @Column({ name: "parent_tenant_id", type: "uuid", nullable: true })
  parentTenantId!: string | null;

  @Column({ name: "subject_type", type: "text" })
  @Field({ description: "What is being decided: GRANT, PARTNER_QUALIFICATION, PARTNER_CONTRACT, FEE_SETTLEMENT, SERVICE_STANDARD or INTER_CENTRE_SETTLEMENT" })
  subjectType!: string;

  @Column({ name: "subject_id", type: "uuid" })
  @Field(() => ID, { description: "The id of the subject row (the grant, contract, settlement, …)" })
  subjectId!: string;

  @Column("smallint")
  @Field(() => Int, { description: "The request's level, 1 (highest) to 4 (seed 002); it sets the chain and the SLA" })
  level!: number;

  @Column("text")
  @Field({ description: "Why the requester asks" })
  reason!: string;

  @Column({ name: "requester_id", type: "uuid" })
  requesterId!: string;

  @Column({ name: "requester_membership_id", type: "uuid" })
  requesterMembershipId!: string;

  @Column("text")
  @Field(() => ApprovalStatus, { description: "Where the request stands" })
  status!: ApprovalStatus;

  @Column({ name: "current_position", type: "int", nullable: true })
  currentPosition!: number | null;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was requested" })
  createdAt!: Date;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was finally approved, rejected or withdrawn" })
  decidedAt!: Date | null;
}

/** One step of a request's chain: which tenant decides, at which authority level, and what it decided. */
@Entity({ name: "approval_steps" })
@ObjectType({ description: "One step of a request's chain: which tenant decides, at which authority level, and what it decided" })
export class ApprovalStep extends TenantRow {
  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  @Column({ name: "parent_tenant_id", type: "uuid", nullable: true })
  parentTenantId!: string | null;

  @Column("int")
  @Field(() => Int, { description: "The step's place in the chain, 0 for the first step" })
  position!: number;

  @Column({ name: "deciding_tenant_id", type: "uuid" })
  decidingTenantId!: string;

  @Column({ name: "min_authority_level", type: "smallint" })
  @Field(() => Int, { description: "A decider's authority level number must be at most this (1 is highest)" })
  minAuthorityLevel!: number;

  @Column("text")
  @Field(() => ApprovalStepStatus, { description: "Where the step stands" })
  status!: ApprovalStepStatus;

  @Column({ name: "activated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the step became current; null while WAITING" })
  activatedAt!: Date | null;

  @Column({ name: "due_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the step's SLA ends (APPROVAL_SLA_WORKING_DAYS working days after activation)" })
  dueAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => ApprovalDecision, { nullable: true, description: "What its decider decided; null while undecided" })
  decision!: ApprovalDecision | null;

  @Column({ name: "decided_by", type: "uuid", nullable: true })
  decidedBy!: string | null;

  @Column({ name: "decided_membership_id", type: "uuid", nullable: true })
  decidedMembershipId!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the step was decided" })
  decidedAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The decider's reason (always present for a rejection)" })
  reason!: string | null;

  @Column("boolean")
  @Field({ description: "Escalated by the SLA job rather than by a person" })
  automatic!: boolean;

  @Column({ name: "decided_under_grant_id", type: "uuid", nullable: true })
  decidedUnderGrantId!: string | null;

  @Column({ name: "decided_under_grant_notice", type: "text", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The notice number of the grant whose authority decided the step (seed 002: executed under the notice); null when decided by role",
  })
  decidedUnderGrantNotice!: string | null;

  @Column({ name: "delegation_id", type: "uuid", nullable: true })
  delegationId!: string | null;

  @Column({ name: "on_behalf_of_user_id", type: "uuid", nullable: true })
  onBehalfOfUserId!: string | null;

  @Column({ name: "on_behalf_of_membership_id", type: "uuid", nullable: true })
  onBehalfOfMembershipId!: string | null;

  @Field({ description: "Still pending after its SLA" })
  get overdue(): boolean {
    return this.status === ApprovalStepStatus.PENDING && this.dueAt !== null && this.dueAt.getTime() < Date.now();
  }
}
