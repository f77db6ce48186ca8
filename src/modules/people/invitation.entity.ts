import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Department, Role } from "../../context/roles";

export enum InvitationStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  REVOKED = "REVOKED",
  EXPIRED = "EXPIRED",
}
registerEnumType(InvitationStatus, {
  name: "InvitationStatus",
  description: "Where an invitation stands",
  valuesConfig: {
    PENDING: { description: "Sent; its token may still be used once" },
    ACCEPTED: { description: "Used: the invitee became a member" },
    REVOKED: { description: "Withdrawn by an administrator, or replaced by a newer invitation to the same address" },
    EXPIRED: { description: "Not used in time (INVITATION_TTL_HOURS)" },
  },
});

/** An e-mailed offer of a membership in one tenant; its token is stored only as a SHA-256 hash. */
@Entity({ name: "invitations" })
@ObjectType({ description: "An e-mailed offer to join the tenant with a role and department; its token works once" })
export class Invitation {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  @Field(() => ID, { description: "The invitation's id (a UUID)" })
  id!: string;

  @Column("text")
  @Field({ description: "The address the invitation was sent to (the invitee's sign-in email)" })
  email!: string;

  @Column({ name: "display_name", type: "text" })
  @Field({ description: "The invitee's name, as the inviter gave it" })
  displayName!: string;

  @Column("text")
  @Field(() => Role, { description: "The role the invitee gets on accepting" })
  role!: Role;

  @Column("text")
  @Field(() => Department, { description: "The department the invitee joins" })
  department!: Department;

  @Column({ name: "token_hash", type: "text", select: false })
  tokenHash!: string;

  @Column({ name: "status", type: "text" })
  storedStatus!: Exclude<InvitationStatus, InvitationStatus.EXPIRED>;

  @Column({ name: "expires_at", type: "timestamptz" })
  @Field({ description: "Until when the token may be used" })
  expiresAt!: Date;

  @Column({ name: "invited_by", type: "uuid" })
  invitedBy!: string;

  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  closedAt!: Date | null;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt!: Date;

  @Field(() => InvitationStatus, { description: "PENDING, ACCEPTED, REVOKED, or EXPIRED once a pending one outlived expiresAt" })
  get status(): InvitationStatus {
    if (this.storedStatus === InvitationStatus.PENDING && this.expiresAt.getTime() <= Date.now()) return InvitationStatus.EXPIRED;
    return this.storedStatus as InvitationStatus;
  }
}
