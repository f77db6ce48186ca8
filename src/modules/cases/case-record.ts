import { ObjectType } from "type-graphql";
import { Column } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

/** The columns every record of a case step shares (not itself a GraphQL type in the schema). */
@ObjectType()
export abstract class CaseRecord extends TenantRow {
  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;
}
