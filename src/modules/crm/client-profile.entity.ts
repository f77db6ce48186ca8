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
registerEnumType(CommunicationChannel, {
  name: "CommunicationChannel",
  description: "How a conversation with a client took place",
  valuesConfig: {
    PHONE: { description: "By telephone" },
    EMAIL: { description: "By email" },
    VISIT: { description: "A visit" },
    ONLINE: { description: "Online (e.g. an online form)" },
    MEETING: { description: "A meeting" },
    MESSAGE: { description: "By written message" },
  },
});

/** A person to talk to at a client (seed 001 step 2: the client profile). */
@Entity({ name: "client_contacts" })
@ObjectType({ description: "A person to talk to at a client (seed 001 step 2: the client profile)" })
export class ClientContact extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field({ description: "The contact's name" })
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The contact's job title" })
  title!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The contact's phone number" })
  phone!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The contact's email address" })
  email!: string | null;

  @Column({ name: "is_primary", type: "boolean" })
  @Field({ description: "Whether this is the client's primary contact" })
  isPrimary!: boolean;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

/** One entry of the communication log with a client. */
@Entity({ name: "client_communications" })
@ObjectType({ description: "One entry of the communication log with a client (沟通记录)" })
export class ClientCommunication extends TenantRow {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column("text")
  @Field(() => CommunicationChannel, { description: "How the conversation took place" })
  channel!: CommunicationChannel;

  @Column({ name: "occurred_at", type: "timestamptz" })
  @Field({ description: "When the conversation took place" })
  occurredAt!: Date;

  @Column("text")
  @Field({ description: "What was said or agreed" })
  summary!: string;

  @Column({ name: "author_id", type: "uuid" })
  authorId!: string;
}
