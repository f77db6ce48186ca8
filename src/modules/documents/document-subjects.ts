import { registerEnumType } from "type-graphql";
import { ActingContext, writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { forbidden, notFound } from "../../shared/errors";
import { writableCaseOrThrow } from "../cases/case-access";
import type { ServiceCase } from "../cases/service-case.entity";
import { t } from "../../shared/messages";

/** The records a document can be attached to (DESIGN §8.2). */
export enum DocumentSubject {
  SERVICE_CASE = "SERVICE_CASE",
  PARTNER_QUALIFICATION = "PARTNER_QUALIFICATION",
  PARTNER_CONTRACT = "PARTNER_CONTRACT",
  FEE_SETTLEMENT = "FEE_SETTLEMENT",
  COMPLAINT = "COMPLAINT",
  OPERATION_PROJECT = "OPERATION_PROJECT",
  BUSINESS_REPORT = "BUSINESS_REPORT",
}
registerEnumType(DocumentSubject, {
  name: "DocumentSubject",
  description: "The kind of record a document is attached to",
  valuesConfig: {
    SERVICE_CASE: { description: "A service case: delivery records, material hand-overs, certification results, the archive (seed 001)" },
    PARTNER_QUALIFICATION: { description: "A partner's qualification file: licence and certificates (seed 003 §2)" },
    PARTNER_CONTRACT: { description: "A partner contract: the signed copy and its amendments (seed 003 §3)" },
    FEE_SETTLEMENT: { description: "A fee settlement application: proof of service (seed 003 §6)" },
    COMPLAINT: { description: "A complaint or dispute: evidence (seed 003 §7)" },
    OPERATION_PROJECT: { description: "A hosted-operation project: acceptance reports (seed 004)" },
    BUSINESS_REPORT: { description: "An affiliated company's business report" },
  },
});

interface SubjectRow {
  tenantId: string;
  /** The centre that handles a provider's row (contracts, settlements, complaints, …) and writes it too. */
  parentTenantId?: string;
}

interface SubjectKind<Row extends SubjectRow = SubjectRow> {
  label: string;
  /** The row as the caller reads it (its module's loader: RLS and the module's read rule); null when not readable. */
  load(session: MemberSession, id: string): Promise<Row | null>;
  /** Throws unless the caller may change the row (and so attach to it). */
  assertWritable(acting: ActingContext, row: Row): void;
}

/** The row's own tenant writes it, and so does the centre that handles it. */
function assertPartyWrites(label: string) {
  return (acting: ActingContext, row: SubjectRow) => {
    if (row.parentTenantId === acting.tenantId && acting.canWrite(acting.tenantId)) return;
    writableOrThrow(acting, row, label);
  };
}

const partyWritten = (label: string, load: SubjectKind["load"]): SubjectKind => ({ label, load, assertWritable: assertPartyWrites(label) });

const SUBJECTS: Record<DocumentSubject, SubjectKind> = {
  SERVICE_CASE: {
    label: "Service case",
    load: (session, id) => session.loaders.cases.serviceCaseById.load(id),
    assertWritable: writableCaseOrThrow,
  } satisfies SubjectKind<ServiceCase> as SubjectKind,
  PARTNER_QUALIFICATION: partyWritten("Partner qualification", (session, id) => session.loaders.documents.partnerQualificationById.load(id)),
  PARTNER_CONTRACT: partyWritten("Partner contract", (session, id) => session.loaders.contracts.partnerContractById.load(id)),
  FEE_SETTLEMENT: partyWritten("Fee settlement", (session, id) => session.loaders.feeSettlements.feeSettlementById.load(id)),
  COMPLAINT: partyWritten("Complaint", (session, id) => session.loaders.complaints.complaintById.load(id)),
  OPERATION_PROJECT: partyWritten("Operation project", (session, id) => session.loaders.operations.operationProjectById.load(id)),
  BUSINESS_REPORT: partyWritten("Business report", (session, id) => session.loaders.affiliates.businessReportById.load(id)),
};

/** The subject as the caller reads it; NOT_FOUND when missing or not readable. */
export async function readableSubjectOrThrow(session: MemberSession, type: DocumentSubject, id: string): Promise<SubjectRow> {
  const kind = SUBJECTS[type];
  const row = await kind.load(session, id);
  if (!row) throw notFound(t("{label} not found", { label: t(kind.label) }));
  return row;
}

/** The subject, if the caller may change it: NOT_FOUND when not readable, FORBIDDEN (or the module's CONFLICT) otherwise. */
export async function writableSubjectOrThrow(session: MemberSession, type: DocumentSubject, id: string): Promise<SubjectRow> {
  const row = await readableSubjectOrThrow(session, type, id);
  SUBJECTS[type].assertWritable(session.acting, row);
  return row;
}

/** A document is attached by a member of its own tenant, who writes that tenant. */
export function assertAttachesOwnDocument(acting: ActingContext, document: { tenantId: string }): void {
  if (document.tenantId !== acting.tenantId || !acting.canWrite(document.tenantId)) {
    throw forbidden("Only the document's own tenant attaches it");
  }
}
