import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { MemberSession, UrlTokenSession } from "../../context/request-context";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";
import { hydrate, insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, conflict, forbidden, gone, notFound } from "../../shared/errors";
import { t } from "../../shared/messages";
import { parseIdOrThrow } from "../../shared/ids";
import type { Page, PageArgs } from "../../shared/pagination";
import { canWriteCase } from "../cases/case-access";
import { publicAddress } from "../mail/mail-settings";
import { newUrlToken, sharePath } from "./document-links";
import { DocumentSubject } from "./document-subjects";
import { Document, DocumentStatus } from "./document.entity";
import type { CreateEvidencePackageInput } from "./document.inputs";
import { subjectKey } from "./document.loaders";
import {
  CreatedEvidencePackage,
  EvidencePackage,
  EvidencePackageAccess,
  EvidencePackageAccessVia,
  EvidencePackageStatus,
  evidencePackageStatus,
} from "./evidence-package.entity";

/** The longest a package may stay open. */
export const MAX_EVIDENCE_PACKAGE_DAYS = 30;

/**
 * A package of documents attached to one case, made by a member who writes that case (its
 * consultant, or staff and above of its centre), for a PARTNER recipient or for whoever holds the
 * share URL. The share URL's token is returned once; only its hash is stored.
 */
export async function createEvidencePackage(session: MemberSession, settings: ModuleSettings, input: CreateEvidencePackageInput): Promise<CreatedEvidencePackage> {
  const { acting, db, loaders } = session;
  const caseId = parseIdOrThrow(input.caseId, "caseId");
  const documentIds = input.documentIds.map((id, index) => parseIdOrThrow(id, `documentIds.${index}`));
  assertPackageExpiryOrThrow(input.expiresAt);
  const serviceCase = await loaders.cases.serviceCaseById.load(caseId);
  if (!serviceCase) throw badUserInput("No service case you can read has this id", "caseId");
  if (!canWriteCase(acting, serviceCase)) throw forbidden("Only the case's consultant or a staff member of its centre shares its documents");
  const recipientTenantId = input.recipientTenantId ? await recipientPartnerOrThrow(session, input.recipientTenantId) : null;

  const attached = await loaders.documents.documentsBySubject.load(subjectKey(DocumentSubject.SERVICE_CASE, caseId));
  const shareable = new Set(attached.filter((d) => d.tenantId === serviceCase.tenantId && d.status === DocumentStatus.STORED).map((d) => d.id));
  const outside = documentIds.findIndex((id) => !shareable.has(id));
  if (outside >= 0) throw badUserInput("Each document must be stored and attached to the case", `documentIds.${outside}`);

  const { token, hash } = newUrlToken();
  const evidencePackage = await insertReturning(db, EvidencePackage, {
    tenantId: serviceCase.tenantId,
    caseId,
    title: input.title.trim(),
    recipientTenantId,
    shareTokenHash: hash,
    expiresAt: input.expiresAt,
    createdBy: acting.userId,
  });
  await query(
    db,
    sql`INSERT INTO evidence_package_documents (tenant_id, package_id, document_id, seq)
        SELECT ${evidencePackage.tenantId}, ${evidencePackage.id}, listed.id, listed.n - 1 FROM unnest(${documentIds}::uuid[]) WITH ORDINALITY AS listed (id, n)`,
  );
  return { evidencePackage, shareUrl: publicAddress(settings.publicUrl, sharePath(token)) };
}

function assertPackageExpiryOrThrow(expiresAt: Date): void {
  const now = Date.now();
  if (expiresAt.getTime() <= now) throw badUserInput("expiresAt must be in the future", "expiresAt");
  if (expiresAt.getTime() > now + MAX_EVIDENCE_PACKAGE_DAYS * 24 * 3600_000) {
    throw badUserInput(t("expiresAt must be at most {days} days from now", { days: MAX_EVIDENCE_PACKAGE_DAYS }), "expiresAt");
  }
}

/** An ACTIVE PARTNER tenant the caller reads (a centre reads its partners): the certification body. */
async function recipientPartnerOrThrow(session: MemberSession, id: string): Promise<string> {
  const tenant = await session.loaders.tenancy.tenantById.load(parseIdOrThrow(id, "recipientTenantId"));
  if (!tenant || tenant.kind !== TenantKind.PARTNER || tenant.status !== TenantStatus.ACTIVE) {
    throw badUserInput("The recipient must be an active partner tenant you can read (a certification body)", "recipientTenantId");
  }
  return tenant.id;
}

/** Ends a package at once: every URL under it answers 410 from now on. By those who may create it. */
export async function revokeEvidencePackage(session: MemberSession, id: string): Promise<EvidencePackage> {
  const found = await session.loaders.documents.evidencePackageById.load(parseIdOrThrow(id));
  if (!found) throw notFound("Evidence package not found");
  const serviceCase = await session.loaders.cases.serviceCaseById.load(found.caseId);
  if (!serviceCase || !canWriteCase(session.acting, serviceCase)) {
    throw forbidden("Only the case's consultant or a staff member of its centre revokes its packages");
  }
  const [revoked] = await updateReturning(
    session.db,
    EvidencePackage,
    { revokedAt: () => "now()", revokedBy: session.acting.userId },
    rowKey(found, { sql: "revoked_at IS NULL" }),
  );
  if (!revoked) throw conflict("The evidence package is already revoked", { status: EvidencePackageStatus.REVOKED });
  return revoked;
}

/** The packages sent by, or addressed to, the caller's visible tenants (RLS: tenant_read and recipient_read), oldest first. */
export function listEvidencePackages(session: MemberSession, args: PageArgs): Promise<Page<EvidencePackage>> {
  const matching = () =>
    session.db
      .getRepository(EvidencePackage)
      .createQueryBuilder("p")
      .where("(p.tenant_id = ANY(:visible) OR p.recipient_tenant_id = ANY(:visible))", { visible: session.acting.visibleTenantIds });
  return keysetPage(matching, byTimestamp("p", "created_at"), args);
}

/**
 * Records one read of a package: its manifest (documentId null) or one of its files. The row's
 * trigger raises `evidence_package.accessed` in the same transaction (the share URL has no member
 * to record an event as).
 */
export async function recordEvidencePackageAccess(
  db: EntityManager,
  access: { tenantId: string; packageId: string; documentId: string | null; via: EvidencePackageAccessVia; accessedBy: string | null },
): Promise<EvidencePackageAccess> {
  return insertReturning(db, EvidencePackageAccess, access);
}

/**
 * A recipient's member downloaded a document it reads only through packages addressed to its
 * tenant: an access of each such active package holding the document.
 */
export async function recordRecipientDownload(session: MemberSession, document: Document): Promise<void> {
  if (session.acting.visibleTenantIds.includes(document.tenantId)) return;
  const packages = await query<{ package_id: string }>(
    session.db,
    sql`SELECT pd.package_id FROM evidence_package_documents pd
          JOIN evidence_packages p ON p.tenant_id = pd.tenant_id AND p.id = pd.package_id
         WHERE pd.tenant_id = ${document.tenantId} AND pd.document_id = ${document.id}
           AND p.recipient_tenant_id = ${session.acting.tenantId} AND p.revoked_at IS NULL AND p.expires_at > now()`,
  );
  for (const { package_id: packageId } of packages) {
    await recordEvidencePackageAccess(session.db, {
      tenantId: document.tenantId,
      packageId,
      documentId: document.id,
      via: EvidencePackageAccessVia.RECIPIENT,
      accessedBy: session.acting.userId,
    });
  }
}

/** The package a share URL opened, while it is active; GONE once revoked or expired. */
export async function sharedPackageOrThrow(session: UrlTokenSession): Promise<EvidencePackage> {
  const found = await session.db.findOneByOrFail(EvidencePackage, { tenantId: session.tenantId, id: session.subjectId });
  const status = evidencePackageStatus(found);
  if (status !== EvidencePackageStatus.ACTIVE) throw gone(`This evidence package is ${status.toLowerCase()}`);
  return found;
}

/** The shared package's documents in the manifest's order (RLS: readable only while the package is active). */
export async function sharedDocuments(session: UrlTokenSession, evidencePackage: EvidencePackage, documentId?: string): Promise<Document[]> {
  const rows = await query(
    session.db,
    sql`SELECT d.* FROM evidence_package_documents pd JOIN documents d ON d.tenant_id = pd.tenant_id AND d.id = pd.document_id
         WHERE pd.tenant_id = ${evidencePackage.tenantId} AND pd.package_id = ${evidencePackage.id}
           AND (${documentId ?? null}::uuid IS NULL OR pd.document_id = ${documentId ?? null}::uuid)
         ORDER BY pd.seq`,
  );
  return rows.map((row) => hydrate(session.db, Document, row));
}
