import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { hydrate, insertReturning, lockRow, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import type { ApprovalOutcome } from "../approvals/approval-policies";
import type { ApprovalRequest } from "../approvals/approval-request.entity";
import { submitApprovalRequest } from "../approvals/approval.service";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";
import { claimedMinorOf } from "./contract-figures";
import { assertContractActionOrThrow, assertContractMoveOrThrow } from "./contract-lifecycle";
import { ContractStatus, ContractVersion, PartnerContract } from "./contract.entity";
import { ContractAmendmentInput, ContractDraftInput, ContractTermsInput, CreatePartnerContractInput, PartnerContractListArgs } from "./contract.inputs";
import { parsePositiveMinorUnitsOrThrow } from "../../shared/money";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

export const PARTNER_CONTRACT_SUBJECT = "PARTNER_CONTRACT";

/** Seed 003 §3: a contract is drafted by the partner's direct parent centre (any member who writes). */
export async function createPartnerContract(session: MemberSession, input: CreatePartnerContractInput): Promise<PartnerContract> {
  const { db, acting, loaders } = session;
  const terms = termsOrThrow(input);
  const partner = await loaders.tenancy.tenantById.load(parseIdOrThrow(input.partnerId, "partnerId"));
  if (!partner || partner.parentId !== acting.tenantId || partner.kind !== TenantKind.PARTNER) {
    throw notFound("No partner of the acting centre has this id");
  }
  if (partner.status !== TenantStatus.ACTIVE) throw conflict(t("Contracts are made with ACTIVE partners; this one is {status}", { status: partner.status }), { status: partner.status });
  const contract = await insertReturning(db, PartnerContract, {
    tenantId: partner.id,
    parentTenantId: acting.tenantId,
    title: input.title.trim(),
    status: ContractStatus.DRAFT,
    currentVersion: 1,
    createdBy: acting.userId,
  });
  await insertReturning(db, ContractVersion, { ...terms, ...contractKey(contract), version: 1, proposedBy: acting.userId });
  return contract;
}

/** The centre revises its draft; the partner's earlier consent or refusal no longer applies. */
export async function updateContractDraft(session: MemberSession, id: string, input: ContractDraftInput): Promise<PartnerContract> {
  const terms = termsOrThrow(input);
  const contract = await lockAsCentreOrThrow(session, id);
  assertContractActionOrThrow(contract, "edited as a draft");
  await updateReturning(
    session.db,
    ContractVersion,
    { ...terms, partnerConsentedBy: null, partnerConsentedAt: null, declinedAt: null, declineReason: null },
    versionKey(contract, 1),
  );
  const [updated] = await updateReturning(session.db, PartnerContract, { title: input.title.trim() }, rowKey(contract));
  return updated;
}

/**
 * The partner agrees to a version: to the draft (version 1, while DRAFT), or to a proposed
 * amendment, which then takes effect (AMENDED, and it becomes the current version).
 */
export async function consentToContractVersion(session: MemberSession, versionId: string): Promise<ContractVersion> {
  const { contract, version } = await lockVersionAsPartnerOrThrow(session, versionId);
  const consent = { partnerConsentedBy: session.acting.userId, partnerConsentedAt: () => "now()", declinedAt: null, declineReason: null };
  if (version.version === 1) {
    assertContractActionOrThrow(contract, "answered as a draft");
    if (version.partnerConsentedAt) throw conflict("The partner already consented to this draft", { status: contract.status });
  } else {
    assertOpenAmendmentOrThrow(contract, version);
    assertContractMoveOrThrow(contract, ContractStatus.AMENDED);
    await updateReturning(session.db, PartnerContract, { status: ContractStatus.AMENDED, currentVersion: version.version }, rowKey(contract));
  }
  const [consented] = await updateReturning(session.db, ContractVersion, consent, rowKey(version));
  return consented;
}

/** The partner refuses a draft or a proposed amendment, with a reason; the centre may then revise or propose again. */
export async function declineContractVersion(session: MemberSession, versionId: string, reason: string): Promise<ContractVersion> {
  if (!reason.trim()) throw badUserInput("Declining needs a reason", "reason");
  const { contract, version } = await lockVersionAsPartnerOrThrow(session, versionId);
  if (version.version === 1) {
    assertContractActionOrThrow(contract, "answered as a draft");
    if (version.declinedAt) throw conflict("The partner already declined this draft", { status: contract.status });
  } else {
    assertOpenAmendmentOrThrow(contract, version);
  }
  const [declined] = await updateReturning(
    session.db,
    ContractVersion,
    { partnerConsentedBy: null, partnerConsentedAt: null, declinedAt: () => "now()", declineReason: reason.trim() },
    rowKey(version),
  );
  return declined;
}

/** DRAFT with the partner's consent → LEGAL_REVIEW, decided by the centre's department head or higher. */
export async function submitContractForLegalReview(session: MemberSession, id: string, slaWorkingDays: Record<number, number>): Promise<PartnerContract> {
  const contract = await lockAsCentreOrThrow(session, id);
  assertContractMoveOrThrow(contract, ContractStatus.LEGAL_REVIEW);
  const draft = await versionOrThrow(session.db, contract, 1);
  if (!draft.partnerConsentedAt) throw conflict("The partner has not consented to the draft yet", { status: contract.status });
  const [submitted] = await updateReturning(session.db, PartnerContract, { status: ContractStatus.LEGAL_REVIEW }, rowKey(contract));
  const centre = await session.loaders.tenancy.tenantById.load(session.acting.tenantId);
  await submitApprovalRequest(
    session,
    { subjectType: PARTNER_CONTRACT_SUBJECT, subjectId: contract.id, level: 3, reason: `Legal review: ${contract.title}` },
    { parentTenantId: centre?.parentId ?? null, slaWorkingDays },
  );
  return submitted;
}

/**
 * The legal review's outcome, inside the deciding transaction (the decider is the centre, the
 * contract's parent). APPROVED: both parties have agreed, so it is SIGNED. Otherwise it returns
 * to DRAFT and the partner consents again to whatever terms come out of the revision.
 */
export async function recordLegalReviewOutcome(db: EntityManager, request: ApprovalRequest, result: ApprovalOutcome["result"]): Promise<void> {
  const [row] = await query(
    db,
    sql`SELECT * FROM partner_contracts WHERE id = ${request.subjectId} AND parent_tenant_id = ${request.tenantId} AND status = 'LEGAL_REVIEW' FOR UPDATE`,
  );
  if (!row) throw new Error(`Partner contract ${request.subjectId} under legal review is not writable by its centre`);
  const contract = hydrate(db, PartnerContract, row);
  const outcome = result === "APPROVED" ? ContractStatus.SIGNED : ContractStatus.DRAFT;
  assertContractMoveOrThrow(contract, outcome);
  if (outcome === ContractStatus.SIGNED) {
    await updateReturning(db, PartnerContract, { status: ContractStatus.SIGNED, signedAt: () => "now()" }, rowKey(contract));
    return;
  }
  await updateReturning(db, PartnerContract, { status: ContractStatus.DRAFT }, rowKey(contract));
  await updateReturning(db, ContractVersion, { partnerConsentedBy: null, partnerConsentedAt: null }, versionKey(contract, 1));
}

/**
 * Seed 003 §3.3, changes need both parties: the centre proposes version n+1, which takes effect
 * when the partner consents. One open proposal at a time; the value never drops below what the
 * partner has already claimed, and the currency stays the contract's.
 */
export async function proposeContractAmendment(session: MemberSession, id: string, input: ContractAmendmentInput): Promise<ContractVersion> {
  const terms = termsOrThrow(input);
  const contract = await lockAsCentreOrThrow(session, id);
  assertContractActionOrThrow(contract, "amended");
  const versions = await session.db.getRepository(ContractVersion).find({ where: contractVersionsWhere(contract), order: { version: "ASC" } });
  if (versions.some((version) => isOpenAmendment(contract, version))) {
    throw conflict("An amendment already awaits the partner's consent", { status: contract.status });
  }
  const current = versions.find((version) => version.version === contract.currentVersion) as ContractVersion;
  if (terms.currency !== current.currency) throw badUserInput(t("The contract is in {currency}; an amendment keeps its currency", { currency: current.currency }), "currency");
  const claimed = await claimedMinorOf(session.db, contract);
  if (BigInt(terms.valueMinor) < claimed) {
    throw conflict(t("The value may not fall below the {claimed} minor units already claimed", { claimed: claimed.toString() }), { status: contract.status, claimedMinor: claimed.toString() });
  }
  return insertReturning(session.db, ContractVersion, {
    ...terms,
    ...contractKey(contract),
    version: versions[versions.length - 1].version + 1,
    changeSummary: input.changeSummary.trim(),
    proposedBy: session.acting.userId,
  });
}

/** Seed 003 §3.3: the centre ends the contract (deputy or president); what is owed is then settled by one FINAL settlement. */
export async function terminateContract(session: MemberSession, id: string, cause: string): Promise<PartnerContract> {
  if (!cause.trim()) throw badUserInput("A termination needs a cause", "cause");
  if (session.acting.authorityLevel === null || session.acting.authorityLevel > 2) {
    throw forbidden("Terminating a contract needs authority level 2 or higher");
  }
  const contract = await lockAsCentreOrThrow(session, id);
  assertContractMoveOrThrow(contract, ContractStatus.TERMINATED);
  const [terminated] = await updateReturning(
    session.db,
    PartnerContract,
    { status: ContractStatus.TERMINATED, terminatedAt: () => "now()", terminationCause: cause.trim() },
    rowKey(contract),
  );
  return terminated;
}

export async function listPartnerContracts({ db, acting }: MemberSession, args: PartnerContractListArgs): Promise<Page<PartnerContract>> {
  const matching = () => {
    const query = db.getRepository(PartnerContract).createQueryBuilder("c").where(...inVisibleTenantsOrChildren("c", acting));
    if (args.partnerId) query.andWhere("c.tenant_id = :partnerId", { partnerId: args.partnerId });
    if (args.status) query.andWhere("c.status = :status", { status: args.status });
    return query;
  };
  return keysetPage(matching, byTimestamp("c", "created_at"), args);
}

/** A version proposed after the current one that the partner has neither accepted nor refused. */
export function isOpenAmendment(contract: PartnerContract, version: ContractVersion): boolean {
  return (
    contract.status !== ContractStatus.TERMINATED &&
    version.version > contract.currentVersion &&
    version.partnerConsentedAt === null &&
    version.declinedAt === null
  );
}


/** Locks the contract row, so concurrent moves (and settlement claims) queue behind each other. */
export async function lockContract(db: EntityManager, contract: { tenantId: string; id: string }): Promise<PartnerContract> {
  return (await lockRow(db, PartnerContract, contract))!;
}

export async function versionOrThrow(db: EntityManager, contract: PartnerContract, version: number): Promise<ContractVersion> {
  const row = await db.getRepository(ContractVersion).findOne({ where: { ...contractVersionsWhere(contract), version } });
  if (!row) throw new Error(`Contract ${contract.id} has no version ${version}`);
  return row;
}

/** The partner side acts as the partner tenant itself, by a department head or higher (seed 003: an authorised representative). */
export function assertActsForPartnerOrThrow(acting: ActingContext, partnerTenantId: string): void {
  if (acting.tenantId !== partnerTenantId) throw forbidden("Only the partner itself acts on its side of the contract");
  if (acting.authorityLevel === null || acting.authorityLevel > 3) throw forbidden("The partner's side needs authority level 3 or higher");
}

/** The contract as its centre sees it: NOT_FOUND when invisible, FORBIDDEN for anyone but the direct parent. */
async function lockAsCentreOrThrow(session: MemberSession, id: string): Promise<PartnerContract> {
  const seen = await session.loaders.contracts.partnerContractById.load(parseIdOrThrow(id));
  if (!seen) throw notFound("Partner contract not found");
  if (seen.parentTenantId !== session.acting.tenantId) throw forbidden("Only the partner's own centre changes its contracts");
  return lockContract(session.db, seen);
}

async function lockVersionAsPartnerOrThrow(session: MemberSession, versionId: string) {
  const seen = await session.loaders.contracts.contractVersionById.load(parseIdOrThrow(versionId, "versionId"));
  if (!seen) throw notFound("Contract version not found");
  assertActsForPartnerOrThrow(session.acting, seen.tenantId);
  const contract = await lockContract(session.db, { tenantId: seen.tenantId, id: seen.contractId });
  const [row] = await query(session.db, sql`SELECT * FROM partner_contract_versions WHERE tenant_id = ${seen.tenantId} AND id = ${seen.id}`);
  return { contract, version: hydrate(session.db, ContractVersion, row) };
}

function assertOpenAmendmentOrThrow(contract: PartnerContract, version: ContractVersion): void {
  assertContractActionOrThrow(contract, "amended");
  if (!isOpenAmendment(contract, version)) throw conflict("This version is not an amendment awaiting the partner's answer", { status: contract.status });
}

/** Checked terms, as the columns of a version. */
function termsOrThrow(input: ContractTermsInput) {
  const valueMinor = parsePositiveMinorUnitsOrThrow(input.valueMinor, "valueMinor").toString();
  if (input.validUntil <= input.validFrom) throw badUserInput("validUntil must be after validFrom", "validUntil");
  return {
    rightsAndDuties: input.rightsAndDuties.trim(),
    serviceContent: input.serviceContent.trim(),
    priceTerms: input.priceTerms.trim(),
    valueMinor,
    currency: input.currency,
    qualityStandard: input.qualityStandard.trim(),
    breachLiability: input.breachLiability.trim(),
    disputeResolution: input.disputeResolution.trim(),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
  };
}

const contractKey = (contract: PartnerContract) => ({ tenantId: contract.tenantId, parentTenantId: contract.parentTenantId, contractId: contract.id });
const contractVersionsWhere = (contract: PartnerContract) => ({ tenantId: contract.tenantId, contractId: contract.id });
const versionKey = (contract: PartnerContract, version: number) => ({
  sql: "tenant_id = :tenantId AND contract_id = :contractId AND version = :version",
  parameters: { tenantId: contract.tenantId, contractId: contract.id, version },
});
