import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { EntityManager } from "typeorm";
import type { ModuleSettings } from "../../config";
import type { S3Location } from "./document-settings";

/** The bytes of one stored piece: a document's content is its pieces in order. */
export const CHUNK_BYTES = 256 * 1024;

/** Which document, in which tenant, of what size, and where its content is (null: in PostgreSQL). */
export interface StoredDocumentKey {
  tenantId: string;
  id: string;
  byteSize: number;
  storageKey: string | null;
}

/**
 * Where documents' content lives. Both sides stream: at most one piece is held at a time. The
 * database rows are the request's transaction's, so a refused upload (rolled back) leaves none;
 * what a driver keeps outside the database, `discard` removes.
 */
export interface DocumentStorage {
  /** Stores the pieces (each at most CHUNK_BYTES) in order; answers the storage key to keep on the document. Throws what the pieces throw. */
  write(db: EntityManager, document: Omit<StoredDocumentKey, "storageKey">, pieces: AsyncIterable<Buffer>): Promise<string | null>;
  /** Removes the content a write stored outside the database, when its upload is refused after all. */
  discard(storageKey: string | null): Promise<void>;
  /** The content, read piece by piece while it is sent. */
  read(db: EntityManager, document: StoredDocumentKey): Readable;
  /**
   * Removes content kept outside the database that no document names and that was stored before
   * `storedBefore`: a process that died between its write and its commit left it. Answers how many.
   */
  removeUnreferenced(referenced: (keys: string[]) => Promise<Set<string>>, storedBefore: Date): Promise<number>;
}

/**
 * The embedded driver: pieces are `document_chunks` rows (bytea) of the document's tenant, under
 * the same forced RLS as every tenant table, so a file is readable exactly where its row is.
 */
export const postgresDocumentStorage: DocumentStorage = {
  async write(db, document, pieces) {
    let seq = 0;
    for await (const piece of pieces) {
      await db.query("INSERT INTO document_chunks (tenant_id, document_id, seq, data) VALUES ($1, $2, $3, $4)", [document.tenantId, document.id, seq++, piece]);
    }
    return null;
  },
  async discard() {},
  read(db, document) {
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const [row] = (await db.query("SELECT data FROM document_chunks WHERE tenant_id = $1 AND document_id = $2 AND seq = $3", [
            document.tenantId,
            document.id,
            seq,
          ])) as { data: Buffer }[];
          if (!row) return;
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
  },
  // Its content rows commit or roll back with the document's: nothing outside the database to leave behind.
  async removeUnreferenced() {
    return 0;
  },
};

/**
 * The S3 driver: one object per document in a private bucket, under a random key kept only on the
 * document's row, so the key is found only by reading that row under RLS. The API streams every
 * byte both ways and decides every access; no object is ever public or presigned. Content stored
 * before the switch (no storage key) is still read from PostgreSQL.
 */
export function s3DocumentStorage(location: S3Location): DocumentStorage {
  const client = new S3Client({
    region: location.region,
    endpoint: location.endpoint ?? undefined,
    forcePathStyle: location.endpoint !== null,
    credentials: location.credentials ?? undefined,
    // A streamed body of known length is sent as it is: no trailing checksum to buffer for.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    async write(_db, document, pieces) {
      const storageKey = `${document.tenantId}/${randomBytes(32).toString("base64url")}`;
      let refusal: unknown;
      const body = Readable.from(
        (async function* () {
          try {
            yield* pieces;
          } catch (error) {
            refusal = error;
            throw error;
          }
        })(),
      );
      // The refusal is rethrown below; the stream's own error event must not go unheard.
      body.on("error", () => undefined);
      try {
        await client.send(new PutObjectCommand({ Bucket: location.bucket, Key: storageKey, Body: body, ContentLength: document.byteSize }));
      } catch (error) {
        // The content's own refusal (size, type), not the aborted request it caused.
        throw refusal ?? error;
      }
      return storageKey;
    },
    async discard(storageKey) {
      if (storageKey) await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: storageKey }));
    },
    async removeUnreferenced(referenced, storedBefore) {
      let removed = 0;
      let continuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: location.bucket, ContinuationToken: continuationToken }));
        const candidates = (page.Contents ?? []).filter((object) => object.Key && object.LastModified && object.LastModified < storedBefore).map((object) => object.Key!);
        const kept = candidates.length > 0 ? await referenced(candidates) : new Set<string>();
        for (const key of candidates.filter((candidate) => !kept.has(candidate))) {
          await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: key }));
          removed++;
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken);
      return removed;
    },
    read(db, document) {
      const { storageKey } = document;
      if (storageKey === null) return postgresDocumentStorage.read(db, document);
      return Readable.from(
        (async function* () {
          const object = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: storageKey }));
          yield* object.Body as AsyncIterable<Buffer>;
        })(),
        { objectMode: false },
      );
    },
  };
}

const drivers = new WeakMap<ModuleSettings, DocumentStorage>();

/** The driver STORAGE_URL names (one per configuration, so one S3 client per process). */
export function documentStorageFor(settings: ModuleSettings): DocumentStorage {
  let driver = drivers.get(settings);
  if (!driver) drivers.set(settings, (driver = settings.storageUrl ? s3DocumentStorage(settings.storageUrl) : postgresDocumentStorage));
  return driver;
}
