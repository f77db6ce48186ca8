import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum CommunicationChannel {
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  VISIT = "VISIT",
  ONLINE = "ONLINE",
  MEETING = "MEETING",
  MESSAGE = "MESSAGE",
}
registerEnumType(CommunicationChannel, { name: "CommunicationChannel" });

/** A person to talk to at a client (seed 001 step 2: the client profile). */
@Entity({ name: "client_contacts" })
@ObjectType()
export class ClientContact extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  title!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Column({ name: "is_primary", type: "boolean" })
  @Field()
  isPrimary!: boolean;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

/** One entry of the communication log with a client. */
@Entity({ name: "client_communications" })
@ObjectType()
export class ClientCommunication extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Column({ name: "occurred_at", type: "timestamptz" })
  @Field()
  occurredAt!: Date;

  @Column("text")
  @Field()
  summary!: string;

  @Column({ name: "author_id", type: "uuid" })
  authorId!: string;
}
