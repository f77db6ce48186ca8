import { newApiKeySecret } from "../../context/api-key-secret";
import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { badUserInput, conflict } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import { assertMayAssignRole } from "../people/member-authority";
import { ApiKey, CreatedApiKey } from "./api-key.entity";
import type { CreateApiKeyInput } from "./api-key.inputs";

/** The latest expiry a new key may have: a year from now, to the same instant. */
export function latestApiKeyExpiry(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}

/**
 * A key of the acting tenant, with a role no higher than the creator's (the rule that holds for
 * invitations); it acts as the creator's membership, so it stops when that membership does.
 */
export async function createApiKey({ db, acting }: MemberSession, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  assertMayAssignRole(acting, input.role);
  const now = new Date();
  if (!(input.expiresAt.getTime() > now.getTime())) throw badUserInput("expiresAt must be in the future", "expiresAt");
  if (input.expiresAt.getTime() > latestApiKeyExpiry(now).getTime()) throw badUserInput("expiresAt must be at most a year ahead", "expiresAt");
  const { secret, hash } = newApiKeySecret();
  const apiKey = await insertReturning(db, ApiKey, {
    tenantId: acting.tenantId,
    name: input.name.trim(),
    role: input.role,
    department: input.department,
    secretHash: hash,
    createdBy: acting.userId,
    creatorMembershipId: acting.membershipId,
    expiresAt: input.expiresAt,
  });
  return { apiKey, secret };
}

/** Refused from the next request on; by whoever could have created it. */
export async function revokeApiKey(session: MemberSession, id: string): Promise<ApiKey> {
  const { db, acting } = session;
  const apiKey = writableOrThrow(acting, await db.getRepository(ApiKey).findOneBy({ id: parseIdOrThrow(id) }), "API key");
  assertMayAssignRole(acting, apiKey.role);
  const locked = (await lockRow(db, ApiKey, apiKey)) as ApiKey;
  if (locked.revokedAt !== null) throw conflict("The API key is already revoked", { revokedAt: locked.revokedAt.toISOString() });
  const [revoked] = await updateReturning(db, ApiKey, { revokedAt: () => "now()", revokedBy: acting.userId }, rowKey(apiKey));
  return revoked;
}

/** Keys of the tenants the caller reads (RLS), oldest first. */
export function listApiKeys(session: MemberSession, args: PageArgs): Promise<Page<ApiKey>> {
  const matching = () => session.db.getRepository(ApiKey).createQueryBuilder("k");
  return keysetPage(matching, byTimestamp("k", "created_at"), args);
}
