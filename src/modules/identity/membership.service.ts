import type { EntityManager } from "typeorm";
import { badUserInput } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Membership } from "./membership.entity";
import { Role } from "../../context/roles";
import { t } from "../../shared/messages";

/** The user must be an active, non-auditor member of the tenant (to own a task, to consult, …). */
export async function assertWorkingMemberOrThrow(
  db: EntityManager,
  { tenantId, userId, argument }: { tenantId: string; userId: string; argument: string },
): Promise<void> {
  const membership = await db.getRepository(Membership).findOneBy({ tenantId, userId: parseIdOrThrow(userId, argument), active: true });
  if (!membership || membership.role === Role.AUDITOR) {
    throw badUserInput(t("{argument} must name an active member of the tenant", { argument }), argument);
  }
}
