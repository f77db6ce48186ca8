import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** A person; the password hash is never mapped here (the runtime role cannot read it). */
@Entity({ name: "users" })
@ObjectType({ description: "A person who signs in; one user may hold memberships in several tenants" })
export class User {
  @PrimaryColumn("uuid")
  @Field(() => ID, { description: "The user's id (a UUID)" })
  id!: string;

  @Column("text")
  @Field({ description: "The sign-in email, unique" })
  email!: string;

  @Column({ name: "display_name", type: "text" })
  @Field({ description: "The name shown to other members" })
  displayName!: string;
}
