import { Field, ID, ObjectType } from "type-graphql";
import { Column, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** The columns every record of a case step shares (not itself a GraphQL type in the schema). */
@ObjectType()
export abstract class CaseRecord {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column({ name: "case_id", type: "uuid" })
  caseId!: string;
}
