import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { Connection } from "../../shared/pagination";

export enum EvidencePackageStatus {
  ACTIVE = "ACTIVE",
  REVOKED = "REVOKED",
  EXPIRED = "EXPIRED",
}
registerEnumType(EvidencePackageStatus, {
  name: "EvidencePackageStatus",
  description: "Whether an evidence package's URLs still work",
  valuesConfig: {
    ACTIVE: { description: "Its share URL and file URLs work, and its recipient reads its documents" },
    REVOKED: { description: "Ended by revokeEvidencePackage: every URL under it answers 410" },
    EXPIRED: { description: "Past its expiry: every URL under it answers 410" },
  },
});

/** Documents of one service case shared with a certification body until it expires or is revoked (seed 001 steps 7–8). */
@Entity({ name: "evidence_packages" })
@ObjectType({ description: "Documents of one service case shared, read-only and for a limited time, with a certification body (seed 001 steps 7–8)" })
export class EvidencePackage extends TenantRow {
  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;

  @Column("text")
  @Field({ description: "What the package is for, shown in its manifest" })
  title!: string;

  @Column({ name: "recipient_tenant_id", type: "uuid", nullable: true })
  recipientTenantId!: string | null;

  @Column({ name: "share_token_hash", type: "bytea", select: false })
  shareTokenHash!: Buffer;

  @Column({ name: "expires_at", type: "timestamptz" })
  @Field({ description: "When its URLs stop working (at most 30 days after it was created)" })
  expiresAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was revoked; null unless REVOKED" })
  revokedAt!: Date | null;

  @Column({ name: "revoked_by", type: "uuid", nullable: true })
  revokedBy!: string | null;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was created" })
  createdAt!: Date;
}

/** REVOKED once revoked, EXPIRED once past its expiry, else ACTIVE. */
export function evidencePackageStatus(evidencePackage: Pick<EvidencePackage, "revokedAt" | "expiresAt">, now = new Date()): EvidencePackageStatus {
  if (evidencePackage.revokedAt) return EvidencePackageStatus.REVOKED;
  return evidencePackage.expiresAt <= now ? EvidencePackageStatus.EXPIRED : EvidencePackageStatus.ACTIVE;
}

export enum EvidencePackageAccessVia {
  SHARE_URL = "SHARE_URL",
  RECIPIENT = "RECIPIENT",
}
registerEnumType(EvidencePackageAccessVia, {
  name: "EvidencePackageAccessVia",
  description: "How an evidence package was read",
  valuesConfig: {
    SHARE_URL: { description: "Through its share URL, by whoever held it (no account)" },
    RECIPIENT: { description: "By a member of the recipient tenant, with their own token" },
  },
});

@Entity({ name: "evidence_package_accesses" })
@ObjectType({ description: "One read of an evidence package: its manifest, or one of its files" })
export class EvidencePackageAccess extends TenantRow {
  @Column({ name: "package_id", type: "uuid" })
  packageId!: string;

  @Column({ name: "document_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true, description: "The file downloaded; null when the manifest was read" })
  documentId!: string | null;

  @Column("text")
  @Field(() => EvidencePackageAccessVia, { description: "Through the share URL or by the recipient's member" })
  via!: EvidencePackageAccessVia;

  @Column({ name: "accessed_by", type: "uuid", nullable: true })
  accessedBy!: string | null;

  @Column({ name: "at", type: "timestamptz" })
  @Field({ description: "When" })
  at!: Date;
}

@ObjectType({ description: "A new evidence package and its share URL, shown this once (only its hash is kept)" })
export class CreatedEvidencePackage {
  @Field(() => EvidencePackage, { description: "The package, ACTIVE" })
  evidencePackage!: EvidencePackage;

  @Field({ description: "Under PUBLIC_URL when set, else a path of this API: where anyone holding it reads the package's manifest (JSON) and downloads its files, without an account, until it expires or is revoked" })
  shareUrl!: string;
}

export const EvidencePackageConnection = Connection(EvidencePackage, "EvidencePackage");
