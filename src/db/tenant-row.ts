import { Field, ID, ObjectType } from "type-graphql";
import { PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/**
 * The key every tenant-owned row shares: `(tenant_id, id)`, so tables co-locate by tenant (Citus).
 * Not itself a GraphQL type in the schema; its subclasses are.
 */
@ObjectType()
export abstract class TenantRow {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID, { description: "The row's id (a UUID)" })
  id!: string;
}
