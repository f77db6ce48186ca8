import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** A person; the password hash is never mapped here (the runtime role cannot read it). */
@Entity({ name: "users" })
@ObjectType()
export class User {
  @PrimaryColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field()
  email!: string;

  @Column({ name: "display_name", type: "text" })
  @Field()
  displayName!: string;
}
