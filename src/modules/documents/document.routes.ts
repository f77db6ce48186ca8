import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { HttpRoute, RouteAnswer } from "../../http/http-route";
import { forbidden, notFound } from "../../shared/errors";
import { publicAddress } from "../mail/mail-settings";
import { attachmentDisposition } from "./document-file-name";
import { URL_TOKEN, isValidDownload, sharedFilePath } from "./document-links";
import { documentStorageFor } from "./document-storage";
import type { Document } from "./document.entity";
import { storeUpload, storedDocumentOrThrow } from "./document.service";
import { EvidencePackageAccessVia } from "./evidence-package.entity";
import { recordEvidencePackageAccess, recordRecipientDownload, sharedDocuments, sharedPackageOrThrow } from "./evidence-package.service";

/** Every answer carrying a file or its metadata: never cached, never sniffed by a browser. */
const PRIVATE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/** `PUT /documents/uploads/<token>`: the raw bytes of a createUpload ticket; the URL alone authorises it, once. */
const uploadRoute: HttpRoute = {
  method: "PUT",
  path: new RegExp(`^/documents/uploads/(?<token>${URL_TOKEN})$`),
  authorisedBy: "url-token",
  entryFunction: "app.enter_upload",
  async answer(session, { headers, body, settings }) {
    const document = await storeUpload(session, { storage: documentStorageFor(settings), settings }, body, headers["content-length"]);
    return {
      headers: { ...PRIVATE_HEADERS, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ document: { id: document.id, status: document.status, byteSize: document.byteSize, sha256: document.sha256 } }),
    };
  },
};

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** One file as an attachment, streamed from storage on the request's transaction while it is sent. */
function fileAnswer(db: EntityManager, settings: ModuleSettings, document: Document): RouteAnswer {
  return {
    headers: {
      ...PRIVATE_HEADERS,
      "content-type": document.contentType,
      "content-length": String(document.byteSize),
      "content-disposition": attachmentDisposition(document.fileName),
    },
    body: documentStorageFor(settings).read(db, document),
    readsWhileSending: true,
  };
}

/** `GET /documents/<id>/content?expires=&signature=`: the file, for the member the URL was signed for, where RLS lets them read it. */
const downloadRoute: HttpRoute = {
  method: "GET",
  path: new RegExp(`^/documents/(?<id>${UUID})/content$`),
  async answer(session, { url, match, secret, settings }) {
    const documentId = match.groups!.id;
    if (!isValidDownload(secret, { documentId, userId: session.acting.userId, query: url.searchParams })) {
      throw forbidden("This download URL is expired or was issued to someone else");
    }
    const document = await storedDocumentOrThrow(session, documentId);
    await recordRecipientDownload(session, document);
    return fileAnswer(session.db, settings, document);
  },
};

/** `GET /evidence-packages/<token>`: the package's manifest, for whoever holds the URL; 410 once revoked or expired. */
const shareManifestRoute: HttpRoute = {
  method: "GET",
  path: new RegExp(`^/evidence-packages/(?<token>${URL_TOKEN})$`),
  authorisedBy: "url-token",
  entryFunction: "app.enter_evidence_package",
  async answer(session, { match, settings }) {
    const evidencePackage = await sharedPackageOrThrow(session);
    const documents = await sharedDocuments(session, evidencePackage);
    await recordEvidencePackageAccess(session.db, {
      tenantId: evidencePackage.tenantId,
      packageId: evidencePackage.id,
      documentId: null,
      via: EvidencePackageAccessVia.SHARE_URL,
      accessedBy: null,
    });
    const manifest = {
      title: evidencePackage.title,
      expiresAt: evidencePackage.expiresAt.toISOString(),
      documents: documents.map((document) => ({
        id: document.id,
        fileName: document.fileName,
        contentType: document.contentType,
        byteSize: document.byteSize,
        sha256: document.sha256,
        url: publicAddress(settings.publicUrl, sharedFilePath(match.groups!.token, document.id)),
      })),
    };
    return { headers: { ...PRIVATE_HEADERS, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(manifest) };
  },
};

/** `GET /evidence-packages/<token>/documents/<id>`: one file of the package; 404 for a document not in it, 410 once revoked or expired. */
const sharedFileRoute: HttpRoute = {
  method: "GET",
  path: new RegExp(`^/evidence-packages/(?<token>${URL_TOKEN})/documents/(?<id>${UUID})$`),
  authorisedBy: "url-token",
  entryFunction: "app.enter_evidence_package",
  async answer(session, { match, settings }) {
    const evidencePackage = await sharedPackageOrThrow(session);
    const [document] = await sharedDocuments(session, evidencePackage, match.groups!.id);
    if (!document) throw notFound("This evidence package holds no such document");
    await recordEvidencePackageAccess(session.db, {
      tenantId: evidencePackage.tenantId,
      packageId: evidencePackage.id,
      documentId: document.id,
      via: EvidencePackageAccessVia.SHARE_URL,
      accessedBy: null,
    });
    return fileAnswer(session.db, settings, document);
  },
};

export const DOCUMENT_ROUTES: HttpRoute[] = [uploadRoute, downloadRoute, shareManifestRoute, sharedFileRoute];
