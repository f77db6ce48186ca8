import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum CompanySize {
  MICRO = "MICRO",
  SMALL = "SMALL",
  MEDIUM = "MEDIUM",
  LARGE = "LARGE",
}
registerEnumType(CompanySize, {
  name: "CompanySize",
  description: "A client company's size",
  valuesConfig: {
    MICRO: { description: "A micro enterprise" },
    SMALL: { description: "A small enterprise" },
    MEDIUM: { description: "A medium-sized enterprise" },
    LARGE: { description: "A large enterprise" },
  },
});

/** An enterprise client; it belongs to the centre that serves it (seed 001, steps 1–2). */
@Entity({ name: "clients" })
@ObjectType({ description: "An enterprise client; it belongs to the centre that serves it (seed 001, steps 1–2)" })
export class Client extends TenantRow {
  @Column("text")
  @Field({ description: "The company's name" })
  name!: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The client's industry, free text (e.g. Retail)" })
  industry!: string | null;

  @Column({ name: "company_size", type: "text", nullable: true })
  @Field(() => CompanySize, { nullable: true, description: "The company's size" })
  companySize!: CompanySize | null;

  @Column({ name: "contact_name", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The main contact person's name" })
  contactName!: string | null;

  @Column({ name: "contact_phone", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The main contact's phone number" })
  contactPhone!: string | null;

  @Column({ name: "contact_email", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The main contact's email address" })
  contactEmail!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The company's address" })
  address!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The needs captured at intake" })
  needs!: string | null;

  @Column({ name: "consultant_id", type: "uuid", nullable: true })
  consultantId!: string | null;

  @Column("text", { array: true })
  @Field(() => [String], { description: "Free labels for search" })
  tags!: string[];

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the client was created" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  @Field({ description: "When the profile last changed" })
  updatedAt!: Date;
}
