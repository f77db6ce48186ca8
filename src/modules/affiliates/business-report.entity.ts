import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { ParentedTenantRow } from "../../db/tenant-row";
import { bigintAsString } from "../../shared/money";

/** Seed 000 §4: an affiliated company's periodic business report to its national centre. */
@Entity({ name: "business_reports" })
@ObjectType({ description: "An affiliated company's business report for one period" })
export class BusinessReport extends ParentedTenantRow {
  @Column({ name: "period_from", type: "date" })
  @Field({ description: "First day of the period (YYYY-MM-DD)" })
  periodFrom!: string;

  @Column({ name: "period_until", type: "date" })
  @Field({ description: "Last day of the period (YYYY-MM-DD)" })
  periodUntil!: string;

  @Column({ name: "revenue_minor", type: "bigint", transformer: bigintAsString })
  @Field({ description: "Revenue in minor units of the currency, as a string of digits" })
  revenueMinor!: string;

  @Column("char")
  @Field({ description: "The revenue's currency, an ISO 4217 code (e.g. CNY)" })
  currency!: string;

  @Column("int")
  @Field(() => Int, { description: "How many projects the company ran in the period" })
  projects!: number;

  @Column({ name: "clients_served", type: "int" })
  @Field(() => Int, { description: "How many clients it served in the period" })
  clientsServed!: number;

  @Column("text")
  @Field({ description: "Problems met in the period and how they are handled" })
  issues!: string;

  @Column({ name: "submitted_by", type: "uuid" })
  submittedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the report was submitted" })
  createdAt!: Date;
}
