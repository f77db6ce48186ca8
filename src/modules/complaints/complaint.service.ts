import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { recordEvent as recordDomainEvent } from "../events/event-outbox";
import { insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { t } from "../../shared/messages";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import { TenantKind } from "../../context/tenant-kind";
import { assertComplaintMoveOrThrow } from "./complaint-workflow";
import { Complaint, ComplaintEvent, ComplaintEventKind, ComplaintStatus } from "./complaint.entity";
import { ComplaintListArgs, OpenComplaintInput } from "./complaint.inputs";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";

const PROVIDER_KINDS: readonly TenantKind[] = [TenantKind.PARTNER, TenantKind.AFFILIATED_COMPANY];

/** Either side opens it: the provider for itself, or its direct parent centre about it. */
export async function openComplaint(session: MemberSession, input: OpenComplaintInput): Promise<Complaint> {
  const { db, acting, loaders } = session;
  if (!input.providerId && !PROVIDER_KINDS.includes(acting.tenantKind)) {
    throw badUserInput("A centre names the provider its complaint is about", "providerId");
  }
  const providerId = input.providerId ? parseIdOrThrow(input.providerId, "providerId") : acting.tenantId;
  const provider = await loaders.tenancy.tenantById.load(providerId);
  if (!provider || !PROVIDER_KINDS.includes(provider.kind) || !provider.parentId) throw notFound("Provider not found");
  if (provider.id !== acting.tenantId && provider.parentId !== acting.tenantId) {
    if (acting.canSee(provider.id)) throw forbidden("Complaints are between a provider and its direct parent centre");
    throw notFound("Provider not found");
  }
  const complaint = await insertReturning(db, Complaint, {
    tenantId: provider.id,
    parentTenantId: provider.parentId,
    raisedByTenantId: acting.tenantId,
    subject: input.subject.trim(),
    description: input.description.trim(),
    status: ComplaintStatus.OPEN,
    raisedBy: acting.userId,
  });
  await recordDomainEvent(session, {
    type: "complaint.opened",
    tenantId: complaint.tenantId,
    subjectType: "Complaint",
    subjectId: complaint.id,
    data: { raisedByTenantId: complaint.raisedByTenantId, parentTenantId: complaint.parentTenantId },
  });
  return complaint;
}

/** Either side adds evidence while the complaint is being handled. */
export async function addComplaintEvidence(session: MemberSession, id: string, note: string): Promise<ComplaintEvent> {
  if (!note.trim()) throw badUserInput("Evidence needs a note", "note");
  const complaint = await lockAsPartyOrThrow(session, id);
  if (complaint.status === ComplaintStatus.RESOLVED) throw conflict("The complaint is resolved", { status: complaint.status });
  return recordEvent(session, complaint, { kind: ComplaintEventKind.EVIDENCE, note: note.trim() });
}

/** The centre moves the complaint along the table (resolving has its own mutation: it needs a resolution). */
export async function advanceComplaint(session: MemberSession, id: string, to: ComplaintStatus, note: string): Promise<Complaint> {
  if (to === ComplaintStatus.RESOLVED) throw badUserInput("A complaint is resolved with resolveComplaint and its resolution", "to");
  const seen = await session.loaders.complaints.complaintById.load(parseIdOrThrow(id));
  if (seen?.status === ComplaintStatus.RESOLVED) throw conflict("A resolved complaint is reopened with reopenComplaint", { status: seen.status });
  if (!note.trim()) throw badUserInput("A move needs a note", "note");
  return moveComplaintOrThrow(session, id, to, note.trim(), {});
}

export async function resolveComplaint(session: MemberSession, id: string, resolution: string): Promise<Complaint> {
  if (!resolution.trim()) throw badUserInput("A resolution must not be blank", "resolution");
  return moveComplaintOrThrow(session, id, ComplaintStatus.RESOLVED, resolution.trim(), {
    resolution: resolution.trim(),
    resolvedAt: () => "now()",
  });
}

/** The centre names the member of its own who handles the dispute (安排专人进行调查处理). */
export async function assignComplaintHandler(session: MemberSession, id: string, handlerId: string): Promise<Complaint> {
  const complaint = await lockAsPartyOrThrow(session, id);
  if (complaint.parentTenantId !== session.acting.tenantId) throw forbidden("The provider's centre assigns the handler");
  await assertWorkingMemberOrThrow(session.db, { tenantId: complaint.parentTenantId, userId: handlerId, argument: "handlerId" });
  const [assigned] = await updateReturning(session.db, Complaint, { handlerId: handlerId.toLowerCase() }, rowKey(complaint));
  return assigned;
}

/** Seed 003 七 3, 跟踪执行: after the resolution, the centre records whether the sides carry it out. */
export async function recordComplaintFollowUp(session: MemberSession, id: string, note: string): Promise<ComplaintEvent> {
  if (!note.trim()) throw badUserInput("A follow-up needs a note", "note");
  const complaint = await lockAsPartyOrThrow(session, id);
  if (complaint.parentTenantId !== session.acting.tenantId) throw forbidden("The provider's centre follows the resolution up");
  if (complaint.status !== ComplaintStatus.RESOLVED) throw conflict("A resolution is followed up once the complaint is resolved", { status: complaint.status });
  return recordEvent(session, complaint, { kind: ComplaintEventKind.FOLLOW_UP, note: note.trim() });
}

/**
 * Seed 003 七 3: a side unsatisfied with the result reopens it into negotiation, within
 * `reopenDays` of the resolution. The resolution stays in the RESOLVED move's note; the rating of
 * the reopened handling is cleared, to be given again after the next resolution.
 */
export async function reopenComplaint(session: MemberSession, id: string, reason: string, reopenDays: number): Promise<Complaint> {
  if (!reason.trim()) throw badUserInput("Reopening needs a reason", "reason");
  const complaint = await lockAsPartyOrThrow(session, id);
  assertComplaintMoveOrThrow(complaint.status, ComplaintStatus.NEGOTIATION);
  if (complaint.resolvedAt!.getTime() + reopenDays * 86_400_000 < Date.now()) {
    throw conflict(t("A resolved complaint is reopened within {reopenDays, plural, one {# day} other {# days}} of its resolution", { reopenDays }), { status: complaint.status, reopenDays });
  }
  const [reopened] = await updateReturning(
    session.db,
    Complaint,
    {
      status: ComplaintStatus.NEGOTIATION,
      resolution: null,
      resolvedAt: null,
      satisfaction: null,
      ratedBy: null,
      reopenedAt: () => "now()",
      reopenCount: complaint.reopenCount + 1,
    },
    rowKey(complaint),
  );
  await recordEvent(session, complaint, { kind: ComplaintEventKind.TRANSITION, fromStatus: complaint.status, toStatus: ComplaintStatus.NEGOTIATION, note: reason.trim() });
  return reopened;
}

/** Seed 004: the side that raised the complaint rates how it was handled, once, after resolution. */
export async function rateComplaintHandling(session: MemberSession, id: string, satisfaction: number): Promise<Complaint> {
  if (!Number.isInteger(satisfaction) || satisfaction < 0 || satisfaction > 100) {
    throw badUserInput("satisfaction is a whole number from 0 to 100", "satisfaction");
  }
  const complaint = await lockAsPartyOrThrow(session, id);
  if (complaint.raisedByTenantId !== session.acting.tenantId) throw forbidden("Only the side that raised the complaint rates its handling");
  if (complaint.status !== ComplaintStatus.RESOLVED) throw conflict("Handling is rated once the complaint is resolved", { status: complaint.status });
  if (complaint.satisfaction !== null) throw conflict("The handling of this complaint is already rated", { status: complaint.status });
  const [rated] = await updateReturning(session.db, Complaint, { satisfaction, ratedBy: session.acting.userId }, rowKey(complaint));
  return rated;
}

export async function listComplaints({ db, acting }: MemberSession, args: ComplaintListArgs): Promise<Page<Complaint>> {
  const matching = () => {
    const query = db.getRepository(Complaint).createQueryBuilder("c").where(...inVisibleTenantsOrChildren("c", acting));
    if (args.providerId) query.andWhere("c.tenant_id = :providerId", { providerId: args.providerId });
    if (args.status) query.andWhere("c.status = :status", { status: args.status });
    return query;
  };
  return keysetPage(matching, byTimestamp("c", "created_at"), args);
}

/** Only the centre (the provider's direct parent) handles: every move is recorded as a TRANSITION event. */
async function moveComplaintOrThrow(
  session: MemberSession,
  id: string,
  to: ComplaintStatus,
  note: string,
  values: Parameters<typeof updateReturning<Complaint>>[2],
): Promise<Complaint> {
  const complaint = await lockAsPartyOrThrow(session, id);
  if (complaint.parentTenantId !== session.acting.tenantId) throw forbidden("The provider's centre handles the complaint");
  assertComplaintMoveOrThrow(complaint.status, to);
  const [moved] = await updateReturning(session.db, Complaint, { ...values, status: to }, rowKey(complaint));
  await recordEvent(session, complaint, { kind: ComplaintEventKind.TRANSITION, fromStatus: complaint.status, toStatus: to, note });
  return moved;
}

/** The complaint, locked, for one of its two sides: NOT_FOUND when invisible, FORBIDDEN for readers who are neither. */
async function lockAsPartyOrThrow({ db, acting, loaders }: MemberSession, id: string): Promise<Complaint> {
  const seen = await loaders.complaints.complaintById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Complaint not found");
  if (seen.tenantId !== acting.tenantId && seen.parentTenantId !== acting.tenantId) {
    throw forbidden("Only the provider and its direct parent centre act on a complaint");
  }
  return (await lockRow(db, Complaint, seen))!;
}

function recordEvent(
  { db, acting }: MemberSession,
  complaint: Complaint,
  event: { kind: ComplaintEventKind; note: string; fromStatus?: ComplaintStatus; toStatus?: ComplaintStatus },
): Promise<ComplaintEvent> {
  return insertReturning(db, ComplaintEvent, {
    tenantId: complaint.tenantId,
    parentTenantId: complaint.parentTenantId,
    complaintId: complaint.id,
    byTenantId: acting.tenantId,
    createdBy: acting.userId,
    ...event,
  });
}
