import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";

export enum ServiceStandardStatus {
  SUBMITTED = "SUBMITTED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(ServiceStandardStatus, {
  name: "ServiceStandardStatus",
  description: "APPROVED is the published version of a title; a later approved version makes it SUPERSEDED",
  valuesConfig: {
    SUBMITTED: { description: "Under review by the national centre" },
    APPROVED: { description: "Approved and published: the version in force" },
    REJECTED: { description: "The national centre rejected it" },
    WITHDRAWN: { description: "The company withdrew it from review" },
    SUPERSEDED: { description: "Was in force until a later version of the title was approved" },
  },
});

/** Seed 000: a service standard an affiliated company submits to its national centre for review. */
@Entity({ name: "service_standards" })
@ObjectType({ description: "An affiliated company's service standard; once approved it is published to the company's centre chain" })
export class ServiceStandard extends ParentedTenantRow {
  /** The company's ancestors, to whom the approved version is published. */
  @Column({ name: "chain_tenant_ids", type: "uuid", array: true })
  chainTenantIds!: string[];

  @Column("text")
  @Field({ description: "The standard's title; versions are counted per title" })
  title!: string;

  @Column("text")
  @Field({ description: "The services and situations the standard covers" })
  scope!: string;

  @Column("text")
  @Field({ description: "The text of the standard" })
  content!: string;

  @Column("int")
  @Field(() => Int, { description: "1 + the previous version of the same title in the company" })
  version!: number;

  @Column("text")
  @Field(() => ServiceStandardStatus, { description: "Where this version stands" })
  status!: ServiceStandardStatus;

  @Column({ name: "published_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the approval published it" })
  publishedAt!: Date | null;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the review ended (approved, rejected or withdrawn)" })
  decidedAt!: Date | null;

  @Column({ name: "submitted_by", type: "uuid" })
  submittedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the version was submitted" })
  createdAt!: Date;
}
