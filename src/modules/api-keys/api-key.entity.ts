import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Department, Role } from "../../context/roles";

export enum ApiKeyStatus {
  ACTIVE = "ACTIVE",
  REVOKED = "REVOKED",
  EXPIRED = "EXPIRED",
}
registerEnumType(ApiKeyStatus, {
  name: "ApiKeyStatus",
  description: "Whether an API key still works",
  valuesConfig: {
    ACTIVE: { description: "Works until expiresAt, while its creator's membership is active and holds its authority" },
    REVOKED: { description: "Withdrawn with revokeApiKey: refused from the next request on" },
    EXPIRED: { description: "Past expiresAt: refused" },
  },
});

/** A partner system's credential in one tenant; only its secret's SHA-256 is stored. */
@Entity({ name: "api_keys" })
@ObjectType({ description: "A partner system's credential: acts in its own tenant with its role and department, as its creator's delegate" })
export class ApiKey {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  @Field(() => ID, { description: "The key's id (a UUID); audit entries of its changes carry it as apiKeyId" })
  id!: string;

  @Column("text")
  @Field({ description: "What the key is for, as its creator named it" })
  name!: string;

  @Column("text")
  @Field(() => Role, { description: "The role the key acts with: at most its creator's authority" })
  role!: Role;

  @Column("text")
  @Field(() => Department, { description: "The department the key acts in" })
  department!: Department;

  @Column({ name: "secret_hash", type: "bytea", select: false })
  secretHash!: Buffer;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "creator_membership_id", type: "uuid" })
  creatorMembershipId!: string;

  @Column({ name: "expires_at", type: "timestamptz" })
  @Field({ description: "From this instant the key is refused" })
  expiresAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was revoked; null while not" })
  revokedAt!: Date | null;

  @Column({ name: "revoked_by", type: "uuid", nullable: true })
  revokedBy!: string | null;

  @Column({ name: "last_used_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When a request last used it, to the minute; null if never" })
  lastUsedAt!: Date | null;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  @Field({ description: "When it was created" })
  createdAt!: Date;

  @Field(() => ApiKeyStatus, { description: "ACTIVE, REVOKED, or EXPIRED once past expiresAt" })
  get status(): ApiKeyStatus {
    if (this.revokedAt !== null) return ApiKeyStatus.REVOKED;
    return this.expiresAt.getTime() <= Date.now() ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
  }
}

@ObjectType({ description: "A new API key and its secret, which is shown this once and never again" })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: "The key" })
  apiKey!: ApiKey;

  @Field({ description: "The secret (`lpk_…`), sent as `Authorization: Bearer <secret>`; only its hash is kept, so store it now" })
  secret!: string;
}
