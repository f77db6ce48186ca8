import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { ServiceStep, ServiceTier } from "./service-step";

/** One client's walk through the ten steps (seed 001), owned by the centre that serves the client. */
@Entity({ name: "service_cases" })
@ObjectType()
export class ServiceCase extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field()
  title!: string;

  @Column("text")
  @Field(() => ServiceTier)
  tier!: ServiceTier;

  @Column("text")
  @Field(() => ServiceStep)
  step!: ServiceStep;

  @Column({ name: "consultant_id", type: "uuid" })
  consultantId!: string;

  @Column({ name: "opened_by", type: "uuid" })
  openedBy!: string;

  @Column({ name: "opened_at", type: "timestamptz" })
  @Field()
  openedAt!: Date;

  @Column({ name: "response_due_at", type: "timestamptz" })
  @Field({ description: "First response is due by then (the tier's response-time target)" })
  responseDueAt!: Date;

  @Column({ name: "first_response_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the case first left INTAKE" })
  firstResponseAt!: Date | null;

  @Column({ name: "archived_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;

  @Column({ name: "updated_at", type: "timestamptz" })
  @Field()
  updatedAt!: Date;

  @Field({ description: "The first response came, or is still missing, after responseDueAt" })
  get pastResponseTarget(): boolean {
    return (this.firstResponseAt ?? new Date()).getTime() > this.responseDueAt.getTime();
  }
}
