import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";

/**
 * An organisation of the network. Everyone may see the public profile (id, code, name, kind)
 * of their own ancestors; the other fields resolve only inside the caller's visible set.
 */
@Entity({ name: "tenants" })
@ObjectType({ description: "An organisation of the network; each one is a tenant with its own slice of data" })
export class Tenant {
  @PrimaryColumn("uuid")
  @Field(() => ID, { description: "The tenant's id (a UUID)" })
  id!: string;

  @Column("text")
  @Field({ description: "Unique code, e.g. CN-SH" })
  code!: string;

  @Column("text")
  @Field({ description: "The organisation's name" })
  name!: string;

  @Column("text")
  @Field(() => TenantKind, { description: "Its place in the network: head office, national or city centre, affiliated company or partner" })
  kind!: TenantKind;

  @Column({ name: "parent_id", type: "uuid", nullable: true })
  parentId!: string | null;

  /** Materialised path of ids, `/root/…/self/`, for subtree queries. */
  @Column("text")
  path!: string;

  @Column("int")
  @Field(() => Int, { description: "0 for head office, 1 for national centres, …" })
  depth!: number;

  @Column({ name: "registration_number", type: "text", nullable: true })
  registrationNumber!: string | null;

  @Column({ name: "legal_representative", type: "text", nullable: true })
  legalRepresentative!: string | null;

  @Column("text")
  status!: TenantStatus;

  @Column({ name: "provider_grade", type: "smallint", nullable: true })
  providerGrade!: number | null;

  /** IANA time zone; reports group days and months in it, the working calendar's days begin in it. */
  @Column({ name: "time_zone", type: "text" })
  timeZone!: string;

  /** BCP 47: zh-CN, zh-TW or en. */
  @Column("text")
  locale!: string;

  /** ISO 3166-1 alpha-2: the country whose public holidays the working calendar follows. */
  @Column({ name: "country_code", type: "text" })
  countryCode!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
