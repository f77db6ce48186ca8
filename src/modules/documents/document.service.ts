import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { ModuleSettings } from "../../config";
import type { MemberSession, UrlTokenSession } from "../../context/request-context";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, notFound } from "../../shared/errors";
import { contentMatchesType, normalisedContentType } from "./document-content-types";
import { sanitisedFileNameOrThrow } from "./document-file-name";
import { publicAddress } from "../mail/mail-settings";
import { UPLOAD_URL_MINUTES, newUrlToken, uploadPath } from "./document-links";
import { CHUNK_BYTES, DocumentStorage } from "./document-storage";
import { assertWithinQuotaOrThrow, storageUsedBytes } from "./storage-quota";
import { Document, DocumentStatus, UploadTicket } from "./document.entity";
import type { CreateUploadInput } from "./document.inputs";
import { subjectKey } from "./document.loaders";
import { DocumentSubject, assertAttachesOwnDocument, readableSubjectOrThrow, writableSubjectOrThrow } from "./document-subjects";
import { t } from "../../shared/messages";

/** A PENDING document in the acting tenant and its single-use upload URL; nothing is stored yet. */
export async function createUpload(session: MemberSession, settings: ModuleSettings, input: CreateUploadInput): Promise<UploadTicket> {
  const contentType = normalisedContentType(input.contentType);
  if (!settings.uploadContentTypes.includes(contentType)) {
    throw badUserInput(t("contentType must be one of {types}", { types: settings.uploadContentTypes.join(", ") }), "contentType");
  }
  if (input.byteSize > settings.maxUploadBytes) throw badUserInput(t("byteSize must be at most {max}", { max: String(settings.maxUploadBytes) }), "byteSize");
  const fileName = sanitisedFileNameOrThrow(input.fileName);
  assertWithinQuotaOrThrow(settings, { usedBytes: await storageUsedBytes(session.db, session.acting.tenantId), addingBytes: input.byteSize });
  const { token, hash } = newUrlToken();
  const expiresAt = new Date(Date.now() + UPLOAD_URL_MINUTES * 60_000);
  const document = await insertReturning(session.db, Document, {
    tenantId: session.acting.tenantId,
    fileName,
    contentType,
    byteSize: input.byteSize,
    sha256: input.sha256.toLowerCase(),
    status: DocumentStatus.PENDING,
    uploadTokenHash: hash,
    uploadExpiresAt: expiresAt,
    uploadedBy: session.acting.userId,
  });
  return { document, uploadUrl: publicAddress(settings.publicUrl, uploadPath(token)), expiresAt };
}

/**
 * The bytes of an upload URL, streamed into storage piece by piece while their size, SHA-256 and
 * type are checked; any mismatch throws, and the rolled-back transaction keeps nothing. Success
 * spends the URL: the token's hash is cleared with the move to STORED, which adds the size to the
 * tenant's usage (locked until the commit, so concurrent uploads cannot pass the quota together).
 */
export async function storeUpload(
  session: UrlTokenSession,
  { storage, settings }: { storage: DocumentStorage; settings: ModuleSettings },
  body: Readable,
  declaredLength: string | undefined,
): Promise<Document> {
  const document = await session.db.findOneByOrFail(Document, { tenantId: session.tenantId, id: session.subjectId });
  if (declaredLength !== undefined && Number(declaredLength) !== document.byteSize) {
    throw badUserInput(t("The upload must be exactly {size} bytes", { size: String(document.byteSize) }));
  }
  const hash = createHash("sha256");
  let storageKey: string | null = null;
  try {
    storageKey = await storage.write(session.db, document, checkedPieces(body, document, hash));
    if (hash.digest("hex") !== document.sha256) throw badUserInput("The content's SHA-256 differs from the one declared");
    const [stored] = await updateReturning(
      session.db,
      Document,
      { status: DocumentStatus.STORED, uploadTokenHash: null, storageKey, storedAt: () => "now()" },
      rowKey(document, { sql: "status = :pending", parameters: { pending: DocumentStatus.PENDING } }),
    );
    if (!stored) throw conflict("The document is already stored");
    const usedWithThis = await storageUsedBytes(session.db, stored.tenantId);
    assertWithinQuotaOrThrow(settings, { usedBytes: usedWithThis - stored.byteSize, addingBytes: stored.byteSize });
    return stored;
  } catch (error) {
    await storage.discard(storageKey);
    throw error;
  }
}

/** The body cut into CHUNK_BYTES pieces, hashed as it passes; the first piece's type and the total size are checked. */
async function* checkedPieces(body: Readable, document: Document, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let first = true;
  const piece = async (bytes: Buffer) => {
    if (first && !(await contentMatchesType(bytes, document.contentType))) {
      throw badUserInput(t("The content is not {contentType}", { contentType: document.contentType }));
    }
    first = false;
    hash.update(bytes);
    return bytes;
  };
  for await (const received of body as AsyncIterable<Buffer>) {
    total += received.length;
    if (total > document.byteSize) throw badUserInput(t("The upload must be exactly {size} bytes", { size: String(document.byteSize) }));
    pending.push(received);
    pendingBytes += received.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const joined = Buffer.concat(pending);
      yield await piece(joined.subarray(0, CHUNK_BYTES));
      pending = [joined.subarray(CHUNK_BYTES)];
      pendingBytes = joined.length - CHUNK_BYTES;
    }
  }
  if (total !== document.byteSize) throw badUserInput(t("The upload must be exactly {size} bytes", { size: String(document.byteSize) }));
  if (pendingBytes > 0) yield await piece(Buffer.concat(pending));
}

/** A stored document the member may read (RLS decides); NOT_FOUND when missing or not visible, CONFLICT while PENDING. */
export async function storedDocumentOrThrow(session: MemberSession, id: string): Promise<Document> {
  const document = await session.loaders.documents.documentById.load(id);
  if (!document) throw notFound("Document not found");
  if (document.status !== DocumentStatus.STORED) throw conflict("The document's content has not been uploaded yet", { status: document.status });
  return document;
}

/** Links the caller's own stored document to a record the caller may change; attaching twice changes nothing. */
export async function attachDocument(session: MemberSession, input: { documentId: string; subjectType: DocumentSubject; subjectId: string }): Promise<Document> {
  const document = await storedDocumentOrThrow(session, input.documentId);
  assertAttachesOwnDocument(session.acting, document);
  await writableSubjectOrThrow(session, input.subjectType, input.subjectId);
  await session.db.query(
    `INSERT INTO document_attachments (tenant_id, document_id, subject_type, subject_id, attached_by)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [document.tenantId, document.id, input.subjectType, input.subjectId, session.acting.userId],
  );
  return document;
}

/** The documents attached to a record the caller reads, that the caller may read; NOT_FOUND when the record is not readable. */
export async function documentsOf(session: MemberSession, subjectType: DocumentSubject, subjectId: string): Promise<Document[]> {
  await readableSubjectOrThrow(session, subjectType, subjectId);
  return session.loaders.documents.documentsBySubject.load(subjectKey(subjectType, subjectId));
}
