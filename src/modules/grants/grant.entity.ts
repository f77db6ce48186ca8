import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

/** What is stored; the effective status adds time (scheduled, active, expired). */
export enum StoredGrantStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
  REVOKED = "REVOKED",
}

export enum GrantStatus {
  PENDING = "PENDING",
  SCHEDULED = "SCHEDULED",
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(GrantStatus, {
  name: "GrantStatus",
  description: "ACTIVE only between validFrom and validUntil of an approved grant; EXPIRED and REVOKED never count as active",
  valuesConfig: {
    PENDING: { description: "Requested; its approval request is undecided" },
    SCHEDULED: { description: "Approved; validFrom is still ahead" },
    ACTIVE: { description: "Approved and inside its validity window: it counts as held authority" },
    EXPIRED: { description: "Approved, but validUntil has passed" },
    REVOKED: { description: "Ended early by the granting tenant, with a reason" },
    REJECTED: { description: "Its approval request was rejected" },
    WITHDRAWN: { description: "Its approval request was withdrawn by the requester" },
  },
});

/** A graded authorisation (seed 002): authority of a level over a matter and scope, for a period. */
@Entity({ name: "grants" })
@ObjectType({ description: "A graded authorisation (seed 002): authority of a level over a matter and scope, for a period" })
export class Grant extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid", nullable: true })
  parentTenantId!: string | null;

  @Column({ name: "holder_id", type: "uuid" })
  holderId!: string;

  @Column("text")
  @Field({ description: "What the authority is about (授权事项)" })
  matter!: string;

  @Column("text")
  @Field({ description: "Where it applies (授权范围)" })
  scope!: string;

  @Column("smallint")
  @Field(() => Int, { description: "The authority level granted, 1 (highest) to 4" })
  level!: number;

  @Column({ name: "subject_types", type: "text", array: true })
  @Field(() => [String], {
    description:
      "The approval subject types (GRANT, PARTNER_CONTRACT, …) whose steps of this level and below the holder decides in the grant's tenant while it is ACTIVE; empty: it decides nothing (it still counts as held authority when asking for the next level)",
  })
  subjectTypes!: string[];

  @Column({ name: "valid_from", type: "timestamptz" })
  @Field({ description: "When the grant starts to count" })
  validFrom!: Date;

  @Column({ name: "valid_until", type: "timestamptz" })
  @Field({ description: "When it stops counting (exclusive)" })
  validUntil!: Date;

  @Column({ name: "status", type: "text" })
  storedStatus!: StoredGrantStatus;

  @Column({ name: "granted_by_tenant_id", type: "uuid", nullable: true })
  grantedByTenantId!: string | null;

  @Column({ name: "notice_number", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The approval notice (服务授权通知书) number, e.g. CN-SH-2026-0001: per issuing tenant, gap-free per year" })
  noticeNumber!: string | null;

  @Column({ name: "approved_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the approval request was approved" })
  approvedAt!: Date | null;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was revoked" })
  revokedAt!: Date | null;

  @Column({ name: "revoked_by", type: "uuid", nullable: true })
  revokedBy!: string | null;

  @Column({ name: "revocation_reason", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was revoked" })
  revocationReason!: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was requested" })
  createdAt!: Date;

  @Field(() => GrantStatus, { description: "The effective status now: the stored decision plus the validity window" })
  get status(): GrantStatus {
    return effectiveGrantStatus(this, new Date());
  }
}

export function effectiveGrantStatus(grant: Pick<Grant, "storedStatus" | "validFrom" | "validUntil">, now: Date): GrantStatus {
  if (grant.storedStatus !== StoredGrantStatus.APPROVED) return grant.storedStatus as unknown as GrantStatus;
  if (now < grant.validFrom) return GrantStatus.SCHEDULED;
  return now < grant.validUntil ? GrantStatus.ACTIVE : GrantStatus.EXPIRED;
}

/** The same rule in SQL, for filtering lists by status. */
export const EFFECTIVE_GRANT_STATUS_SQL = `CASE WHEN g.status <> 'APPROVED' THEN g.status
  WHEN now() < g.valid_from THEN 'SCHEDULED' WHEN now() < g.valid_until THEN 'ACTIVE' ELSE 'EXPIRED' END`;
