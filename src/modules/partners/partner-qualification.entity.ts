import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum QualificationPurpose {
  ADMISSION = "ADMISSION",
  RE_REVIEW = "RE_REVIEW",
}
registerEnumType(QualificationPurpose, { name: "QualificationPurpose", description: "Admission of an applied partner, or the periodic re-review of an active one" });

export enum QualificationStatus {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(QualificationStatus, { name: "QualificationStatus" });

/** Seed 003 §2: the file a partner submits; its centre decides it through the approvals engine. */
@Entity({ name: "partner_qualifications" })
@ObjectType({ description: "A partner's qualification file: licence, certificates, team and client references" })
export class PartnerQualification extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column("text")
  @Field(() => QualificationPurpose)
  purpose!: QualificationPurpose;

  @Column("text")
  @Field({ description: "The business licence" })
  licence!: string;

  @Column("text")
  @Field()
  certificates!: string;

  @Column("text")
  @Field()
  team!: string;

  @Column({ name: "client_references", type: "text" })
  @Field()
  clientReferences!: string;

  @Column("text")
  @Field(() => QualificationStatus)
  status!: QualificationStatus;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Column({ name: "submitted_by", type: "uuid" })
  submittedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was submitted" })
  createdAt!: Date;
}
