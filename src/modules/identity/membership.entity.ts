import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Department, Role, authorityLevelOf } from "../../context/roles";

export enum MembershipStatus {
  ACTIVE = "ACTIVE",
  DEACTIVATED = "DEACTIVATED",
}
registerEnumType(MembershipStatus, {
  name: "MembershipStatus",
  description: "Whether a membership still lets its user act in the tenant",
  valuesConfig: {
    ACTIVE: { description: "The user acts in the tenant through it" },
    DEACTIVATED: { description: "Ended: its tokens are refused and it is not a way to log in" },
  },
});

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

  @Column({ name: "deactivated_at", type: "timestamptz", nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: "deactivation_reason", type: "text", nullable: true })
  deactivationReason!: string | null;

  @Field(() => MembershipStatus, { description: "ACTIVE, or DEACTIVATED once an administrator ended it" })
  get status(): MembershipStatus {
    return this.active ? MembershipStatus.ACTIVE : MembershipStatus.DEACTIVATED;
  }

  @Field(() => Int, { nullable: true, description: "1 (highest) to 4, seed 002; null for auditors, who never approve" })
  get authorityLevel(): number | null {
    return authorityLevelOf(this.role);
  }
}
