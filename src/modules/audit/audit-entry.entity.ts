import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum AuditAction {
  INSERT = "INSERT",
  UPDATE = "UPDATE",
  DELETE = "DELETE",
}
registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What happened to the audited row",
  valuesConfig: {
    INSERT: { description: "The row was created" },
    UPDATE: { description: "The row was changed" },
    DELETE: { description: "The row was deleted" },
  },
});

/**
 * One change to one row, appended by a database trigger (never by application code), chained to
 * the tenant's previous entry by hash.
 */
@Entity({ name: "audit_log" })
@ObjectType({ description: "One change to one row, appended by a database trigger and hash-chained per tenant; never edited or deleted" })
export class AuditEntry {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("bigint")
  @Field(() => ID, { description: "The entry's id" })
  id!: string;

  @Column("bigint")
  @Field(() => String, { description: "Position in the tenant's chain, from 1" })
  seq!: string;

  @Column({ type: "timestamptz" })
  @Field({ description: "When the change was made" })
  at!: Date;

  @Column({ name: "actor_user_id", type: "uuid", nullable: true })
  actorUserId!: string | null;

  @Column({ name: "membership_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true, description: "The membership the actor acted through" })
  membershipId!: string | null;

  @Column({ name: "api_key_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true, description: "The API key the change was made with (as its creator's membership); null for a person's" })
  apiKeyId!: string | null;

  @Column({ name: "acting_tenant_id", type: "uuid", nullable: true })
  actingTenantId!: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The GraphQL operation, e.g. `mutation createClient`" })
  operation!: string | null;

  @Column({ name: "request_id", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The id of the HTTP request that made the change, as logged" })
  requestId!: string | null;

  @Column("text")
  @Field(() => AuditAction, { description: "Insert, update or delete" })
  action!: AuditAction;

  @Column({ name: "target_type", type: "text" })
  @Field({ description: "The table of the changed row" })
  targetType!: string;

  @Column({ name: "target_id", type: "uuid", nullable: true })
  @Field(() => ID, { nullable: true, description: "The id of the changed row" })
  targetId!: string | null;

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The changed fields before (null for an insert)" })
  before!: Record<string, unknown> | null;

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The changed fields after (null for a delete)" })
  after!: Record<string, unknown> | null;

  @Column({ name: "prev_hash", type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The previous entry's hash in the tenant's chain; null for the first" })
  prevHash!: string | null;

  @Column("text")
  @Field({ description: "SHA-256 (hex) of this entry's content and prevHash" })
  hash!: string;
}

@ObjectType({ description: "The result of re-computing every visible audit chain" })
export class AuditChainReport {
  @Field({ description: "Every chain checked is whole and unaltered" })
  ok!: boolean;

  @Field(() => Int, { description: "How many entries were checked" })
  checkedEntries!: number;

  @Field(() => ID, { nullable: true, description: "The first entry whose link is broken" })
  firstBrokenEntryId!: string | null;

  @Field(() => ID, { nullable: true, description: "The tenant of the first broken entry" })
  firstBrokenTenantId!: string | null;

  @Field(() => String, { nullable: true, description: "What is wrong with it: a missing earlier entry, a broken link or an altered entry" })
  reason!: string | null;
}
