import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Department, Role, authorityLevelOf } from "../../context/roles";

/** A user's place in one tenant: a role and a department. */
@Entity({ name: "memberships" })
@ObjectType({ description: "A user's place in one tenant: a role and a department" })
export class Membership {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  @Field(() => ID, { description: "The membership's id (a UUID)" })
  id!: string;

  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column("text")
  @Field(() => Role, { description: "The role held in the tenant; it sets the authority level and what is read" })
  role!: Role;

  @Column("text")
  @Field(() => Department, { description: "The department the member works in" })
  department!: Department;

  @Column("boolean")
  active!: boolean;

  @Field(() => Int, { nullable: true, description: "1 (highest) to 4, seed 002; null for auditors, who never approve" })
  get authorityLevel(): number | null {
    return authorityLevelOf(this.role);
  }
}
