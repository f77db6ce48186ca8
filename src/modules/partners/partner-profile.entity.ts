import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** Seed 003 §1: the kinds of partner company. */
export enum PartnerType {
  SUPPLIER = "SUPPLIER",
  SERVICE_PROVIDER = "SERVICE_PROVIDER",
  DISTRIBUTOR = "DISTRIBUTOR",
  CERTIFICATION_BODY = "CERTIFICATION_BODY",
}
registerEnumType(PartnerType, {
  name: "PartnerType",
  description: "The kind of partner company (seed 003 §1)",
  valuesConfig: {
    SUPPLIER: { description: "A supplier (供应商)" },
    SERVICE_PROVIDER: { description: "A service provider (服务商), e.g. a training supplier" },
    DISTRIBUTOR: { description: "A distributor (经销商)" },
    CERTIFICATION_BODY: { description: "A third-party certification body (第三方认证机构)" },
  },
});

/**
 * The partner's archive card (seed 003 §2), one per partner tenant. Clients know a partner by its
 * tenant id, so the GraphQL `id` is the tenant id; the row's own id only completes the table key.
 * Status and grade live on the tenant and are resolved from it.
 */
@Entity({ name: "partner_profiles" })
@ObjectType("Partner", { description: "A partner company's archive card; its id is the partner tenant's id" })
export class PartnerProfile {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  @Field(() => ID, { name: "id", description: "The partner tenant's id" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;

  @Column({ name: "partner_type", type: "text" })
  @Field(() => PartnerType, { description: "The kind of partner" })
  partnerType!: PartnerType;

  @Column({ name: "service_scope", type: "text" })
  @Field({ description: "What the partner provides" })
  serviceScope!: string;

  @Column({ name: "contact_email", type: "text" })
  @Field({ description: "The archive's contact email: the first administrator's login" })
  contactEmail!: string;

  @Column({ name: "admitted_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the admission qualification file was approved" })
  admittedAt!: Date | null;

  @Column({ name: "last_reviewed_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When a qualification file was last approved" })
  lastReviewedAt!: Date | null;

  @Column({ name: "next_review_due", type: "date", nullable: true })
  @Field(() => String, { nullable: true, description: "The day the next periodic qualification review is due (YYYY-MM-DD): 12 months after the last approval" })
  nextReviewDue!: string | null;

  @Column({ name: "status_reason", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why the centre last suspended, reinstated or terminated the partner" })
  statusReason!: string | null;

  @Column({ name: "registered_by", type: "uuid" })
  registeredBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the centre registered the partner" })
  createdAt!: Date;

  /** Compared as YYYY-MM-DD strings in the database's calendar. */
  isReviewDue(today: string): boolean {
    return this.nextReviewDue !== null && this.nextReviewDue <= today;
  }
}
