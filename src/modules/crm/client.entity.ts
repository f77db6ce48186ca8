import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum CompanySize {
  MICRO = "MICRO",
  SMALL = "SMALL",
  MEDIUM = "MEDIUM",
  LARGE = "LARGE",
}
registerEnumType(CompanySize, { name: "CompanySize" });

/** An enterprise client; it belongs to the centre that serves it (seed 001, steps 1–2). */
@Entity({ name: "clients" })
@ObjectType()
export class Client extends TenantRow {
  @Column("text")
  @Field()
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  industry!: string | null;

  @Column({ name: "company_size", type: "text", nullable: true })
  @Field(() => CompanySize, { nullable: true })
  companySize!: CompanySize | null;

  @Column({ name: "contact_name", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  contactName!: string | null;

  @Column({ name: "contact_phone", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  contactPhone!: string | null;

  @Column({ name: "contact_email", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  contactEmail!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  address!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The needs captured at intake" })
  needs!: string | null;

  @Column({ name: "consultant_id", type: "uuid", nullable: true })
  consultantId!: string | null;

  @Column("text", { array: true })
  @Field(() => [String])
  tags!: string[];

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  @Field()
  updatedAt!: Date;
}
