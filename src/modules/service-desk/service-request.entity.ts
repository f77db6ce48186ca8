import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ServiceTier } from "../cases/service-step";

export enum ServiceRequestKind {
  PROBLEM = "PROBLEM",
  COMPLAINT = "COMPLAINT",
}
registerEnumType(ServiceRequestKind, {
  name: "ServiceRequestKind",
  description: "What a client brings to the service desk (seed 004 §2 客戶服務組, seed 002 客户投诉与反馈)",
  valuesConfig: {
    PROBLEM: { description: "A service question or fault to solve (問題); counted by PROBLEM_HANDLING_RATE" },
    COMPLAINT: { description: "A complaint about the centre's service (客戶投訴); escalates when late, rated by the client; counted by COMPLAINT_HANDLING_SATISFACTION" },
  },
});

export enum ServiceChannel {
  PHONE = "PHONE",
  ONLINE_FORM = "ONLINE_FORM",
  EMAIL = "EMAIL",
  VISIT = "VISIT",
}
registerEnumType(ServiceChannel, {
  name: "ServiceChannel",
  description: "How the client reached the centre, or was reached",
  valuesConfig: {
    PHONE: { description: "By telephone (the service hotline)" },
    ONLINE_FORM: { description: "Through an online form" },
    EMAIL: { description: "By e-mail" },
    VISIT: { description: "In person, at a visit" },
  },
});

export enum ServiceRequestStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
}
registerEnumType(ServiceRequestStatus, {
  name: "ServiceRequestStatus",
  description: "Where a problem or complaint stands: OPEN → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED or CLOSED reopen to IN_PROGRESS within the reopen period",
  valuesConfig: {
    OPEN: { description: "Raised; the handler has not started" },
    IN_PROGRESS: { description: "The handler is working on it (also after a reopen)" },
    RESOLVED: { description: "A resolution is recorded; the client may still disagree" },
    CLOSED: { description: "Done; reopened only within the reopen period" },
  },
});

export enum ServiceEscalationLevel {
  NONE = "NONE",
  CENTRE_MANAGEMENT = "CENTRE_MANAGEMENT",
  PARENT_CENTRE = "PARENT_CENTRE",
}
registerEnumType(ServiceEscalationLevel, {
  name: "ServiceEscalationLevel",
  description: "How far up a complaint not resolved in time has gone (seed 000 §6: up to Link Pass)",
  valuesConfig: {
    NONE: { description: "Not escalated" },
    CENTRE_MANAGEMENT: { description: "Past its deadline unresolved: raised to the centre's management" },
    PARENT_CENTRE: { description: "Still unresolved past the second deadline: raised to the parent centre, which reads it" },
  },
});

/** A client's problem or complaint, handled by a member of the centre that serves the client. */
@Entity({ name: "service_requests" })
@ObjectType({ description: "A client's problem or complaint at the centre's service desk (seed 004 §2 客戶服務組)" })
export class ServiceRequest extends TenantRow {
  @Column("text")
  @Field(() => ServiceRequestKind, { description: "Problem or complaint" })
  kind!: ServiceRequestKind;

  @Column("text")
  @Field(() => ServiceChannel, { description: "How the client raised it" })
  channel!: ServiceChannel;

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column({ name: "case_id", type: "uuid", nullable: true })
  caseId!: string | null;

  @Column("text")
  @Field(() => ServiceTier, { description: "The client's service tier when it was raised; it set dueAt" })
  tier!: ServiceTier;

  @Column("text")
  @Field({ description: "What it is about, in a line" })
  subject!: string;

  @Column("text")
  @Field({ description: "What the client said, in full" })
  description!: string;

  @Column({ name: "handler_id", type: "uuid" })
  handlerId!: string;

  @Column("text")
  @Field(() => ServiceRequestStatus, { description: "Where it stands" })
  status!: ServiceRequestStatus;

  @Column({ name: "raised_by", type: "uuid" })
  raisedBy!: string;

  @Column({ name: "raised_at", type: "timestamptz" })
  @Field({ description: "When it was raised" })
  raisedAt!: Date;

  @Column({ name: "due_at", type: "timestamptz" })
  @Field({ description: "It is to be resolved by then: raisedAt plus the tier's service-desk response target" })
  dueAt!: Date;

  @Column({ name: "started_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the handler first started on it" })
  startedAt!: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The latest resolution; null until first resolved" })
  resolution!: string | null;

  @Column({ name: "resolved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the latest resolution was recorded" })
  resolvedAt!: Date | null;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was last closed" })
  closedAt!: Date | null;

  @Column({ name: "reopen_count", type: "integer" })
  @Field(() => Int, { description: "How often the client disagreed and it was reopened" })
  reopenCount!: number;

  @Column({ type: "smallint", nullable: true })
  @Field(() => Int, { nullable: true, description: "Complaints: the client's satisfaction with the handling, 0–100, recorded once after resolution; 80 or more counts as satisfied" })
  satisfaction!: number | null;

  @Column({ name: "rated_by", type: "uuid", nullable: true })
  ratedBy!: string | null;

  @Column({ name: "rated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the client's satisfaction was recorded" })
  ratedAt!: Date | null;

  @Column("text")
  @Field(() => ServiceEscalationLevel, { description: "Complaints: how far up it has been escalated" })
  escalation!: ServiceEscalationLevel;

  @Column({ name: "escalated_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it reached its current escalation level" })
  escalatedAt!: Date | null;

  @Field({ description: "Unresolved past dueAt, or its latest resolution came after dueAt" })
  get pastDue(): boolean {
    const settled = this.status === ServiceRequestStatus.RESOLVED || this.status === ServiceRequestStatus.CLOSED;
    return ((settled ? this.resolvedAt : null) ?? new Date()).getTime() > this.dueAt.getTime();
  }
}

/** One move of a problem or complaint along its status line. */
@Entity({ name: "service_request_transitions" })
@ObjectType({ description: "One move of a problem or complaint from one status to another, with who and why" })
export class ServiceRequestTransition extends TenantRow {
  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  @Column({ name: "from_status", type: "text" })
  @Field(() => ServiceRequestStatus, { description: "The status it left" })
  fromStatus!: ServiceRequestStatus;

  @Column({ name: "to_status", type: "text" })
  @Field(() => ServiceRequestStatus, { description: "The status it entered" })
  toStatus!: ServiceRequestStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why: the resolution, or the client's reason to disagree" })
  note!: string | null;

  @Column({ name: "by_user", type: "uuid" })
  byUser!: string;

  @Column({ type: "timestamptz" })
  @Field({ description: "When it moved" })
  at!: Date;
}
