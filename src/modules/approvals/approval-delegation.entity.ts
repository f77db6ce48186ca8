import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum ApprovalDelegationStatus {
  SCHEDULED = "SCHEDULED",
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
}
registerEnumType(ApprovalDelegationStatus, {
  name: "ApprovalDelegationStatus",
  description: "Whether a delegation lets its delegate decide now",
  valuesConfig: {
    SCHEDULED: { description: "startsAt is still ahead" },
    ACTIVE: { description: "Between startsAt and endsAt, not revoked: the delegate decides on the delegator's behalf" },
    EXPIRED: { description: "endsAt has passed" },
    REVOKED: { description: "Ended early by the delegator or the delegate" },
  },
});

/** A member hands their deciding of approval steps to a colleague of the same tenant for a period (out of office). */
@Entity({ name: "approval_delegations" })
@ObjectType({ description: "A member hands their deciding of approval steps to a colleague of the same tenant for a period (out of office)" })
export class ApprovalDelegation extends TenantRow {
  @Column({ name: "delegator_membership_id", type: "uuid" })
  delegatorMembershipId!: string;

  @Column({ name: "delegate_membership_id", type: "uuid" })
  delegateMembershipId!: string;

  @Column({ name: "starts_at", type: "timestamptz" })
  @Field({ description: "When the delegate starts to decide on the delegator's behalf" })
  startsAt!: Date;

  @Column({ name: "ends_at", type: "timestamptz" })
  @Field({ description: "When the delegation stops counting (exclusive)" })
  endsAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was revoked; null otherwise" })
  revokedAt!: Date | null;

  @Column({ name: "revoked_by", type: "uuid", nullable: true })
  revokedBy!: string | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was made" })
  createdAt!: Date;

  @Field(() => ApprovalDelegationStatus, { description: "Where it stands now: revocation first, then the period" })
  get status(): ApprovalDelegationStatus {
    const now = new Date();
    if (this.revokedAt) return ApprovalDelegationStatus.REVOKED;
    if (now < this.startsAt) return ApprovalDelegationStatus.SCHEDULED;
    return now < this.endsAt ? ApprovalDelegationStatus.ACTIVE : ApprovalDelegationStatus.EXPIRED;
  }
}
