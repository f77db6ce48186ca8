import { badUserInput } from "../../shared/errors";

const MAX_FILE_NAME_LENGTH = 255;
/** Control and format characters (bidi overrides among them) never reach a stored name. */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu;

/** The name as stored: the last path segment, without control characters or leading dots, trimmed. */
export function sanitisedFileNameOrThrow(name: string): string {
  const lastSegment = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment.replace(CONTROL_OR_FORMAT, "").replace(/\s+/g, " ").trim().replace(/^\.+/, "").trim();
  if (cleaned === "") throw badUserInput("fileName has no usable characters", "fileName");
  return [...cleaned].slice(0, MAX_FILE_NAME_LENGTH).join("");
}

/**
 * `attachment` with an ASCII fallback name and, per RFC 6266 / RFC 8187, the exact name as
 * `filename*` (UTF-8, percent-encoded), so a Chinese name arrives intact.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
