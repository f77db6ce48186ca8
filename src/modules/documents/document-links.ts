import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long an upload URL works. */
export const UPLOAD_URL_MINUTES = 15;
/** How long a download URL works; a client asks `document(id)` again for a fresh one. */
export const DOWNLOAD_URL_MINUTES = 5;

/** A random URL token (of an upload or share URL) and the hash the database keeps of it (the token itself is never stored). */
export function newUrlToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: createHash("sha256").update(token).digest() };
}

/** URL tokens as newUrlToken makes them: 32 random bytes, base64url. */
export const URL_TOKEN = "[A-Za-z0-9_-]{43}";

export const uploadPath = (token: string) => `/documents/uploads/${token}`;

/** An evidence package's manifest; its files are under it. */
export const sharePath = (token: string) => `/evidence-packages/${token}`;
export const sharedFilePath = (token: string, documentId: string) => `${sharePath(token)}/documents/${documentId}`;

/** A download URL for one user: it names the document and its expiry, signed for that user alone. */
export function downloadPath(secret: string, link: { documentId: string; userId: string; now?: Date }): string {
  const expires = Math.floor((link.now ?? new Date()).getTime() / 1000) + DOWNLOAD_URL_MINUTES * 60;
  return `/documents/${link.documentId}/content?expires=${expires}&signature=${downloadSignature(secret, link.documentId, link.userId, expires)}`;
}

/** Whether a download URL was signed for this user and has not expired. */
export function isValidDownload(secret: string, link: { documentId: string; userId: string; query: URLSearchParams }): boolean {
  const expires = Number(link.query.get("expires"));
  const signature = Buffer.from(link.query.get("signature") ?? "", "base64url");
  if (!Number.isInteger(expires) || expires * 1000 <= Date.now()) return false;
  const expected = Buffer.from(downloadSignature(secret, link.documentId, link.userId, expires), "base64url");
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}

function downloadSignature(secret: string, documentId: string, userId: string, expires: number): string {
  return createHmac("sha256", secret).update(`document-download\n${documentId}\n${userId}\n${expires}`).digest("base64url");
}
