import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ServiceStep, ServiceTier } from "./service-step";

/** One client's walk through the ten steps (seed 001), owned by the centre that serves the client. */
@Entity({ name: "service_cases" })
@ObjectType({ description: "One client's walk through the ten steps (seed 001), owned by the centre that serves the client" })
export class ServiceCase extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field({ description: "A short title of the case" })
  title!: string;

  @Column("text")
  @Field(() => ServiceTier, { description: "The service tier; it set responseDueAt" })
  tier!: ServiceTier;

  @Column("text")
  @Field(() => ServiceStep, { description: "The step the case is at now" })
  step!: ServiceStep;

  @Column({ name: "consultant_id", type: "uuid" })
  consultantId!: string;

  @Column({ name: "opened_by", type: "uuid" })
  openedBy!: string;

  @Column({ name: "opened_at", type: "timestamptz" })
  @Field({ description: "When the case was opened" })
  openedAt!: Date;

  @Column({ name: "response_due_at", type: "timestamptz" })
  @Field({ description: "First response is due by then (the tier's response-time target)" })
  responseDueAt!: Date;

  @Column({ name: "first_response_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the case first left INTAKE" })
  firstResponseAt!: Date | null;

  @Column({ name: "archived_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the case entered ARCHIVED; null before" })
  archivedAt!: Date | null;

  @Column({ name: "updated_at", type: "timestamptz" })
  @Field({ description: "When the case last changed" })
  updatedAt!: Date;

  @Field({ description: "The first response came, or is still missing, after responseDueAt" })
  get pastResponseTarget(): boolean {
    return (this.firstResponseAt ?? new Date()).getTime() > this.responseDueAt.getTime();
  }
}
