import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum AuditAction {
  INSERT = "INSERT",
  UPDATE = "UPDATE",
  DELETE = "DELETE",
}
registerEnumType(AuditAction, { name: "AuditAction" });

/**
 * One change to one row, appended by a database trigger (never by application code), chained to
 * the tenant's previous entry by hash.
 */
@Entity({ name: "audit_log" })
@ObjectType()
export class AuditEntry {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("bigint")
  @Field(() => ID)
  id!: string;

  @Column("bigint")
  @Field(() => String, { description: "Position in the tenant's chain, from 1" })
  seq!: string;

  @Column({ type: "timestamptz" })
  @Field()
  at!: Date;

  @Column({ name: "actor_user_id", type: "uuid", nullable: true })
  actorUserId!: string | null;

  @Column({ name: "membership_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true, description: "The membership the actor acted through" })
  membershipId!: string | null;

  @Column({ name: "acting_tenant_id", type: "uuid", nullable: true })
  actingTenantId!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The GraphQL operation, e.g. `mutation createClient`" })
  operation!: string | null;

  @Column({ name: "request_id", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Column("text")
  @Field(() => AuditAction)
  action!: AuditAction;

  @Column({ name: "target_type", type: "text" })
  @Field({ description: "The table of the changed row" })
  targetType!: string;

  @Column({ name: "target_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The changed fields before (null for an insert)" })
  before!: Record<string, unknown> | null;

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The changed fields after (null for a delete)" })
  after!: Record<string, unknown> | null;

  @Column({ name: "prev_hash", type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  prevHash!: string | null;

  @Column("text")
  @Field()
  hash!: string;
}

@ObjectType({ description: "The result of re-computing every visible audit chain" })
export class AuditChainReport {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  checkedEntries!: number;

  @Field(() => ID, { nullable: true, description: "The first entry whose link is broken" })
  firstBrokenEntryId!: string | null;

  @Field(() => ID, { nullable: true })
  firstBrokenTenantId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}
