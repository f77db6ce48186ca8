import { randomUUID } from "node:crypto";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { hydrate, insertReturning, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { whereNameHolds } from "../../shared/name-search";
import { Page } from "../../shared/pagination";
import { ApprovalDecision } from "../approvals/approval-types";
import { decideApprovalRequest, submitApprovalRequest } from "../approvals/approval.service";
import { hashPassword } from "../identity/password";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "../tenancy/tenant.entity";
import { PartnerStatusAction, nextPartnerStatusOrThrow } from "./partner-lifecycle";
import { PartnerProfile } from "./partner-profile.entity";
import { PartnerQualification, QualificationPurpose, QualificationStatus } from "./partner-qualification.entity";
import { PARTNER_QUALIFICATION_SUBJECT } from "./partner-qualification.policy";
import { PartnerListArgs, RegisterPartnerInput, SubmitPartnerQualificationInput } from "./partner.inputs";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

/**
 * The acting centre registers a partner as its child tenant (APPLIED), opens its archive card and
 * enrols its first administrator. The runtime role may insert exactly these tenant columns.
 */
export async function registerPartner(session: MemberSession, input: RegisterPartnerInput): Promise<PartnerProfile> {
  const { db, acting, loaders } = session;
  const centre = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const passwordHash = await hashPassword(input.adminPassword);
  const id = randomUUID();
  await query(
    db,
    sql`INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, registration_number, legal_representative, status)
     VALUES (${id}, ${input.code}, ${input.name.trim()}, 'PARTNER', ${centre.id}, ${`${centre.path}${id}/`}, ${centre.depth + 1},
             ${input.registrationNumber.trim()}, ${input.legalRepresentative.trim()}, 'APPLIED')`,
  );
  const profile = await insertReturning(db, PartnerProfile, {
    tenantId: id,
    parentTenantId: centre.id,
    partnerType: input.partnerType,
    serviceScope: input.serviceScope.trim(),
    contactEmail: input.adminEmail.trim().toLowerCase(),
    registeredBy: acting.userId,
  });
  // A known email enrols its existing user (who keeps their own password), a new one a new user:
  // the answer, and the work (the hash above), are the same either way, so nothing tells them apart.
  await query(db, sql`SELECT app.enrol_first_member(${id}, ${input.adminEmail}, ${input.adminDisplayName}, ${passwordHash})`);
  return profile;
}

/**
 * The partner submits its qualification file: for admission while APPLIED, for the periodic
 * re-review while ACTIVE. One file is open at a time (a unique index; a second is CONFLICT).
 */
export async function submitPartnerQualification(
  session: MemberSession,
  input: SubmitPartnerQualificationInput,
  slaWorkingDays: Record<number, number>,
): Promise<PartnerQualification> {
  const { db, acting, loaders } = session;
  const partner = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const purpose = QUALIFICATION_PURPOSE_BY_STATUS[partner.status];
  if (!purpose) throw conflict(t("A {status} partner submits no qualification file", { status: partner.status }), { status: partner.status });
  const file = await insertReturning(db, PartnerQualification, {
    tenantId: partner.id,
    parentTenantId: partner.parentId as string,
    purpose,
    licence: input.licence.trim(),
    certificates: input.certificates.trim(),
    team: input.team.trim(),
    clientReferences: input.clientReferences.trim(),
    status: QualificationStatus.SUBMITTED,
    submittedBy: acting.userId,
  });
  await submitApprovalRequest(
    session,
    { subjectType: PARTNER_QUALIFICATION_SUBJECT, subjectId: file.id, level: 3, reason: `${purpose} qualification of ${partner.code}` },
    { parentTenantId: partner.parentId, slaWorkingDays },
  );
  return file;
}

const QUALIFICATION_PURPOSE_BY_STATUS: Partial<Record<TenantStatus, QualificationPurpose>> = {
  [TenantStatus.APPLIED]: QualificationPurpose.ADMISSION,
  [TenantStatus.ACTIVE]: QualificationPurpose.RE_REVIEW,
};

/**
 * The partner's own centre suspends, reinstates or terminates it, with a reason kept on the
 * archive card (audited). The tenant row is locked, so of two concurrent moves one wins and the
 * other meets the new status (CONFLICT). Termination also rejects a file still under review.
 */
export async function changePartnerStatus(
  session: MemberSession,
  { id, action, reason, slaWorkingDays }: { id: string; action: PartnerStatusAction; reason: string; slaWorkingDays: Record<number, number> },
): Promise<PartnerProfile> {
  const { db, acting, loaders } = session;
  if (!reason.trim()) throw badUserInput("A status change needs a reason", action === PartnerStatusAction.REINSTATE ? "note" : "reason");
  const seen = await loaders.tenancy.tenantById.load(parseIdOrThrow(id));
  if (!seen || seen.kind !== TenantKind.PARTNER) throw notFound("Partner not found");
  if (seen.parentId !== acting.tenantId) throw forbidden("Only the partner's own centre changes its status");
  const [locked] = await query(db, sql`SELECT * FROM tenants WHERE id = ${seen.id} FOR UPDATE`);
  const status = nextPartnerStatusOrThrow(hydrate(db, Tenant, locked).status, action);
  const [changed] = await updateReturning(db, Tenant, { status }, { sql: "id = :id", parameters: { id: seen.id } });
  loaders.tenancy.tenantById.clear(seen.id).prime(seen.id, changed);
  const [profile] = await updateReturning(db, PartnerProfile, { statusReason: reason.trim() }, { sql: "tenant_id = :id", parameters: { id: seen.id } });
  if (status === TenantStatus.TERMINATED) await rejectOpenQualification(session, seen.id, reason.trim(), slaWorkingDays);
  return profile;
}

async function rejectOpenQualification(session: MemberSession, partnerId: string, reason: string, slaWorkingDays: Record<number, number>) {
  const [open] = await query(
    session.db,
    sql`SELECT r.id FROM approval_requests r JOIN partner_qualifications q ON q.tenant_id = r.tenant_id AND q.id = r.subject_id
      WHERE r.tenant_id = ${partnerId} AND r.subject_type = ${PARTNER_QUALIFICATION_SUBJECT} AND r.status = 'PENDING' AND q.status = 'SUBMITTED'`,
  );
  if (open) await decideApprovalRequest(session, open.id, ApprovalDecision.REJECT, `Partner terminated: ${reason}`, slaWorkingDays);
}

/** Archive cards the caller reads: its own (a partner), its children's (a centre), its subtree's (roles reading it). */
export async function listPartners({ db, acting }: MemberSession, args: PartnerListArgs): Promise<Page<PartnerProfile>> {
  const matching = () => {
    const query = db
      .getRepository(PartnerProfile)
      .createQueryBuilder("p")
      .innerJoin(Tenant, "t", "t.id = p.tenant_id")
      .where(...inVisibleTenantsOrChildren("p", acting));
    if (args.search) whereNameHolds(query, "t", args.search);
    if (args.status) query.andWhere("t.status = :status", { status: args.status });
    if (args.partnerType) query.andWhere("p.partner_type = :partnerType", { partnerType: args.partnerType });
    if (args.grade) query.andWhere("t.provider_grade = :grade", { grade: args.grade });
    if (args.reviewDue === true) query.andWhere("p.next_review_due <= current_date");
    if (args.reviewDue === false) query.andWhere("(p.next_review_due IS NULL OR p.next_review_due > current_date)");
    return query;
  };
  return keysetPage(matching, byTimestamp("p", "created_at"), args);
}
