import { Field, ID, ObjectType } from "type-graphql";
import { Column, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

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

/**
 * A row of a provider (partner or affiliated company) that its direct parent centre also reads
 * and writes in part: `parent_tenant_id` names that centre (the parent_read policies, DESIGN §4).
 */
@ObjectType()
export abstract class ParentedTenantRow extends TenantRow {
  @Column({ name: "parent_tenant_id", type: "uuid" })
  parentTenantId!: string;
}
