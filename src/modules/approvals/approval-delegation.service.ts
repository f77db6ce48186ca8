import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { Role } from "../../context/roles";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { badUserInput, conflict, forbidden } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import { Membership } from "../identity/membership.entity";
import { ApprovalDelegation, ApprovalDelegationStatus } from "./approval-delegation.entity";
import type { DelegateApprovalsInput } from "./approval-delegation.inputs";

/**
 * The acting member hands their own deciding to a colleague of the acting tenant for a period.
 * What passes is decided when the delegate decides (`app.deciding_authorities`): the delegator's
 * role and active grants at that moment, never more, never what was delegated to the delegator.
 */
export async function delegateApprovals(session: MemberSession, input: DelegateApprovalsInput): Promise<ApprovalDelegation> {
  const { db, acting } = session;
  if (acting.authorityLevel === null) throw forbidden("An auditor decides no approvals, so has none to delegate");
  if (input.endsAt <= input.startsAt) throw badUserInput("endsAt must be after startsAt", "endsAt");
  const seen = writableOrThrow(acting, await db.getRepository(Membership).findOneBy({ id: parseIdOrThrow(input.toMembershipId) }), "Membership");
  if (seen.id === acting.membershipId) throw badUserInput("A delegation goes to someone else", "toMembershipId");
  const delegate = (await lockRow(db, Membership, seen)) as Membership;
  if (!delegate.active) throw conflict("The colleague's membership is deactivated", { status: delegate.status });
  if (delegate.role === Role.AUDITOR) throw badUserInput("An auditor decides no approvals, not even on someone's behalf", "toMembershipId");
  return insertReturning(db, ApprovalDelegation, {
    tenantId: acting.tenantId,
    delegatorMembershipId: acting.membershipId,
    delegateMembershipId: delegate.id,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    createdBy: acting.userId,
  });
}

/** Ends a delegation at once; its delegator or its delegate, while it is scheduled or active. */
export async function revokeApprovalDelegation(session: MemberSession, id: string): Promise<ApprovalDelegation> {
  const { db, acting, loaders } = session;
  const seen = writableOrThrow(acting, await loaders.approvals.approvalDelegationById.load(parseIdOrThrow(id)), "Delegation");
  if (seen.delegatorMembershipId !== acting.membershipId && seen.delegateMembershipId !== acting.membershipId) {
    throw forbidden("Only the delegator or the delegate ends a delegation");
  }
  const delegation = (await lockRow(db, ApprovalDelegation, seen)) as ApprovalDelegation;
  if (delegation.status === ApprovalDelegationStatus.REVOKED || delegation.status === ApprovalDelegationStatus.EXPIRED) {
    throw conflict(`The delegation is already ${delegation.status}`, { status: delegation.status });
  }
  const [revoked] = await updateReturning(db, ApprovalDelegation, { revokedAt: () => "now()", revokedBy: acting.userId }, rowKey(delegation));
  return revoked;
}

/** The acting tenant's delegations the acting member gave or received, oldest first. */
export function listApprovalDelegations({ db, acting }: MemberSession, args: PageArgs): Promise<Page<ApprovalDelegation>> {
  const matching = () =>
    db
      .getRepository(ApprovalDelegation)
      .createQueryBuilder("d")
      .where("d.tenant_id = :tenant", { tenant: acting.tenantId })
      .andWhere("(d.delegator_membership_id = :membership OR d.delegate_membership_id = :membership)", { membership: acting.membershipId });
  return keysetPage(matching, byTimestamp("d", "created_at"), args);
}
