import type { HttpRoute } from "../../http/http-route";
import { forbidden } from "../../shared/errors";
import { attachmentDisposition } from "./document-file-name";
import { UPLOAD_TOKEN, isValidDownload } from "./document-links";
import { postgresDocumentStorage } from "./document-storage";
import { storeUpload, storedDocumentOrThrow } from "./document.service";

/** Every answer carrying a file or its metadata: never cached, never sniffed by a browser. */
const PRIVATE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/** `PUT /documents/uploads/<token>`: the raw bytes of a createUpload ticket; the URL alone authorises it, once. */
const uploadRoute: HttpRoute = {
  method: "PUT",
  path: new RegExp(`^/documents/uploads/(?<token>${UPLOAD_TOKEN})$`),
  authorisedBy: "url-token",
  entryFunction: "app.enter_upload",
  async answer(session, { headers, body }) {
    const document = await storeUpload(session, postgresDocumentStorage, body, headers["content-length"]);
    return {
      headers: { ...PRIVATE_HEADERS, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ document: { id: document.id, status: document.status, byteSize: document.byteSize, sha256: document.sha256 } }),
    };
  },
};

/** `GET /documents/<id>/content?expires=&signature=`: the file, for the member the URL was signed for, where RLS lets them read it. */
const downloadRoute: HttpRoute = {
  method: "GET",
  path: /^\/documents\/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/content$/,
  async answer(session, { url, match, secret }) {
    const documentId = match.groups!.id;
    if (!isValidDownload(secret, { documentId, userId: session.acting.userId, query: url.searchParams })) {
      throw forbidden("This download URL is expired or was issued to someone else");
    }
    const document = await storedDocumentOrThrow(session, documentId);
    return {
      headers: {
        ...PRIVATE_HEADERS,
        "content-type": document.contentType,
        "content-length": String(document.byteSize),
        "content-disposition": attachmentDisposition(document.fileName),
      },
      body: postgresDocumentStorage.read(session.db, document),
      readsWhileSending: true,
    };
  },
};

export const DOCUMENT_ROUTES: HttpRoute[] = [uploadRoute, downloadRoute];
