import type { SettingSpecs } from "../../config";
import { KNOWN_CONTENT_TYPES } from "./document-content-types";

declare module "../../config" {
  interface ModuleSettings {
    /** The largest upload accepted, in bytes. */
    maxUploadBytes: number;
    /** The media types createUpload accepts: a subset of those whose content the server recognises. */
    uploadContentTypes: readonly string[];
    /** The bytes each tenant may keep stored (its STORED documents' sizes together). */
    storageQuotaBytes: number;
    /** Where content is stored: an S3 bucket, or null for PostgreSQL (document_chunks). */
    storageUrl: S3Location | null;
  }
}

/** An S3 bucket, from `STORAGE_URL=s3://[key:secret@]bucket?endpoint=…&region=…`. */
export interface S3Location {
  bucket: string;
  /** An S3-compatible server's address (path-style requests); null: AWS itself. */
  endpoint: string | null;
  region: string;
  /** From the URL; null: the SDK's own chain (AWS_ACCESS_KEY_ID, a role, …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const DEFAULT_STORAGE_QUOTA_BYTES = 10 * 1024 ** 3;
/** Sizes are stored as a 32-bit integer. */
const LARGEST_MAX_UPLOAD_BYTES = 2 ** 31 - 1;

export const DOCUMENT_SETTINGS: SettingSpecs = {
  maxUploadBytes: { variable: "MAX_UPLOAD_BYTES", parse: parseMaxUploadBytes },
  uploadContentTypes: { variable: "UPLOAD_CONTENT_TYPES", parse: parseUploadContentTypes },
  storageQuotaBytes: { variable: "STORAGE_QUOTA_BYTES", parse: parseStorageQuotaBytes },
  storageUrl: { variable: "STORAGE_URL", parse: parseStorageUrl },
};

function parseStorageUrl(text: string): S3Location | null {
  if (text === "") return null;
  if (!URL.canParse(text) || new URL(text).protocol !== "s3:" || new URL(text).hostname === "") {
    throw new Error("must be s3://[key:secret@]bucket?endpoint=…&region=…");
  }
  const url = new URL(text);
  const endpoint = url.searchParams.get("endpoint");
  if (endpoint !== null && (!URL.canParse(endpoint) || !["http:", "https:"].includes(new URL(endpoint).protocol))) {
    throw new Error("endpoint must be an http:// or https:// URL");
  }
  return {
    bucket: url.hostname,
    endpoint,
    region: url.searchParams.get("region") ?? "us-east-1",
    credentials: url.username ? { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) } : null,
  };
}

function parseStorageQuotaBytes(text: string): number {
  if (text === "") return DEFAULT_STORAGE_QUOTA_BYTES;
  const bytes = Number(text);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error("must be a whole number of bytes, at least 1");
  return bytes;
}

function parseMaxUploadBytes(text: string): number {
  if (text === "") return DEFAULT_MAX_UPLOAD_BYTES;
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > LARGEST_MAX_UPLOAD_BYTES) {
    throw new Error(`must be a whole number of bytes from 1 to ${LARGEST_MAX_UPLOAD_BYTES}`);
  }
  return bytes;
}

/** Comma-separated; unset: every known type. A type the server cannot check against the content is refused at start. */
function parseUploadContentTypes(text: string): readonly string[] {
  if (text.trim() === "") return Object.keys(KNOWN_CONTENT_TYPES);
  const types = text.split(",").map((type) => type.trim().toLowerCase()).filter(Boolean);
  const unknown = types.filter((type) => !(type in KNOWN_CONTENT_TYPES));
  if (unknown.length > 0) throw new Error(`${unknown.join(", ")}: not a type whose content can be checked (known: ${Object.keys(KNOWN_CONTENT_TYPES).join(", ")})`);
  return types;
}
