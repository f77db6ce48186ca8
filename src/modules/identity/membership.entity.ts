import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Department, Role, authorityLevelOf } from "../../context/roles";

/** A user's place in one tenant: a role and a department. */
@Entity({ name: "memberships" })
@ObjectType()
export class Membership {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column("text")
  @Field(() => Role)
  role!: Role;

  @Column("text")
  @Field(() => Department)
  department!: Department;

  @Column("boolean")
  active!: boolean;

  @Field(() => Int, { nullable: true, description: "1 (highest) to 4, seed 002; null for auditors, who never approve" })
  get authorityLevel(): number | null {
    return authorityLevelOf(this.role);
  }
}
