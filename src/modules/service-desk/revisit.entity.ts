import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ServiceChannel } from "./service-request.entity";

export enum RevisitStatus {
  SCHEDULED = "SCHEDULED",
  DONE = "DONE",
}
registerEnumType(RevisitStatus, {
  name: "RevisitStatus",
  description: "Whether a revisit has been made: SCHEDULED → DONE",
  valuesConfig: {
    SCHEDULED: { description: "Due by dueAt; overdue once dueAt passes" },
    DONE: { description: "The client was contacted and the outcome recorded" },
  },
});

export enum RevisitOutcome {
  SATISFIED = "SATISFIED",
  CONCERNS_RAISED = "CONCERNS_RAISED",
}
registerEnumType(RevisitOutcome, {
  name: "RevisitOutcome",
  description: "What the client said when revisited",
  valuesConfig: {
    SATISFIED: { description: "The client is satisfied with the service" },
    CONCERNS_RAISED: { description: "The client raised concerns (raise a problem or complaint for each)" },
  },
});

/** A follow-up contact with the client after a case (seed 004 §4 客戶回訪). */
@Entity({ name: "revisits" })
@ObjectType({ description: "A follow-up contact with the client after a case's evaluation (客戶回訪, seed 004 §4)" })
export class Revisit extends TenantRow {
  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column({ name: "evaluation_id", type: "uuid", nullable: true })
  evaluationId!: string | null;

  @Column({ name: "assignee_id", type: "uuid" })
  assigneeId!: string;

  @Column({ name: "due_at", type: "timestamptz" })
  @Field({ description: "The revisit is due by then" })
  dueAt!: Date;

  @Column("text")
  @Field(() => RevisitStatus, { description: "Scheduled or done" })
  status!: RevisitStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => ServiceChannel, { nullable: true, description: "How the client was reached; null until done" })
  channel!: ServiceChannel | null;

  @Column({ type: "text", nullable: true })
  @Field(() => RevisitOutcome, { nullable: true, description: "What the client said; null until done" })
  outcome!: RevisitOutcome | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Notes of the conversation" })
  notes!: string | null;

  @Column({ name: "done_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the client was contacted; on time when not after dueAt" })
  doneAt!: Date | null;

  @Column({ name: "done_by", type: "uuid", nullable: true })
  doneBy!: string | null;

  @Column({ name: "scheduled_by", type: "uuid" })
  scheduledBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was scheduled" })
  createdAt!: Date;

  @Field({ description: "Whether it was, or can still be, done by dueAt" })
  get onTime(): boolean {
    return (this.doneAt ?? new Date()).getTime() <= this.dueAt.getTime();
  }
}
