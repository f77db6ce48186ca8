import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";

export enum QualificationPurpose {
  ADMISSION = "ADMISSION",
  RE_REVIEW = "RE_REVIEW",
}
registerEnumType(QualificationPurpose, {
  name: "QualificationPurpose",
  description: "Admission of an applied partner, or the periodic re-review of an active one",
  valuesConfig: {
    ADMISSION: { description: "Admission (准入) of an APPLIED partner; approval makes it ACTIVE" },
    RE_REVIEW: { description: "The periodic re-review (定期审核) of an ACTIVE partner" },
  },
});

export enum QualificationStatus {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(QualificationStatus, {
  name: "QualificationStatus",
  description: "Where a qualification file stands in its centre's review",
  valuesConfig: {
    SUBMITTED: { description: "Under review by the centre" },
    APPROVED: { description: "Approved: admits the partner or renews its review date" },
    REJECTED: { description: "Rejected; a new file may be submitted" },
    WITHDRAWN: { description: "Withdrawn by the partner; a new file may be submitted" },
  },
});

/** Seed 003 §2: the file a partner submits; its centre decides it through the approvals engine. */
@Entity({ name: "partner_qualifications" })
@ObjectType({ description: "A partner's qualification file: licence, certificates, team and client references" })
export class PartnerQualification extends ParentedTenantRow {
  @Column("text")
  @Field(() => QualificationPurpose, { description: "Admission or periodic re-review" })
  purpose!: QualificationPurpose;

  @Column("text")
  @Field({ description: "The business licence" })
  licence!: string;

  @Column("text")
  @Field({ description: "The certificates held" })
  certificates!: string;

  @Column("text")
  @Field({ description: "The professional team" })
  team!: string;

  @Column({ name: "client_references", type: "text" })
  @Field({ description: "Client references (服务案例)" })
  clientReferences!: string;

  @Column("text")
  @Field(() => QualificationStatus, { description: "Where the file stands" })
  status!: QualificationStatus;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the centre's review ended" })
  decidedAt!: Date | null;

  @Column({ name: "submitted_by", type: "uuid" })
  submittedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was submitted" })
  createdAt!: Date;
}
