import { fromBuffer } from "file-type";

const OOXML_OR_ZIP = (ooxml: string) => [ooxml, "application/zip"];
/** Legacy Office files are OLE compound files; their signature does not tell Word from Excel. */
const COMPOUND_FILE = ["application/x-cfb"];

/**
 * Each media type an upload may declare, and what `file-type` may sniff from its first bytes for
 * it to be that type; an empty list: text, which has no signature, so any sniffed type refuses it.
 */
export const KNOWN_CONTENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  "application/pdf": ["application/pdf"],
  "image/png": ["image/png"],
  "image/jpeg": ["image/jpeg"],
  "image/gif": ["image/gif"],
  "image/webp": ["image/webp"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": OOXML_OR_ZIP("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": OOXML_OR_ZIP("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": OOXML_OR_ZIP("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
  "application/msword": COMPOUND_FILE,
  "application/vnd.ms-excel": COMPOUND_FILE,
  "application/vnd.ms-powerpoint": COMPOUND_FILE,
  "application/vnd.oasis.opendocument.text": ["application/vnd.oasis.opendocument.text"],
  "application/vnd.oasis.opendocument.spreadsheet": ["application/vnd.oasis.opendocument.spreadsheet"],
  "application/vnd.oasis.opendocument.presentation": ["application/vnd.oasis.opendocument.presentation"],
  "text/plain": [],
  "text/csv": [],
  "application/zip": ["application/zip"],
};

/** The declared type without parameters, lowercased (`Text/Plain; charset=utf-8` → `text/plain`). */
export function normalisedContentType(declared: string): string {
  return declared.split(";")[0].trim().toLowerCase();
}

/** Whether the content's first bytes are of the declared type (a disguised executable is not). */
export async function contentMatchesType(head: Buffer, contentType: string): Promise<boolean> {
  const accepted = KNOWN_CONTENT_TYPES[contentType];
  if (!accepted) return false;
  const sniffed = await fromBuffer(head);
  if (accepted.length === 0) return sniffed === undefined && !head.includes(0);
  return sniffed !== undefined && accepted.includes(sniffed.mime);
}
