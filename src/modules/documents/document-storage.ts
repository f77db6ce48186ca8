import { Readable } from "node:stream";
import type { EntityManager } from "typeorm";

/** The bytes of one stored piece: a document's content is its pieces in order. */
export const CHUNK_BYTES = 256 * 1024;

/** Which document, in which tenant: every storage key starts with the tenant. */
export interface StoredDocumentKey {
  tenantId: string;
  id: string;
}

/**
 * Where documents' content lives. Both sides stream: at most one piece is held at a time. Writes
 * belong to the request's transaction, so a refused upload (rolled back) leaves nothing behind.
 */
export interface DocumentStorage {
  /** Stores the pieces (each at most CHUNK_BYTES) in order; throws what the pieces throw. */
  write(db: EntityManager, key: StoredDocumentKey, pieces: AsyncIterable<Buffer>): Promise<void>;
  /** The content, read piece by piece on the same transaction while it is sent. */
  read(db: EntityManager, key: StoredDocumentKey): Readable;
}

/**
 * The embedded driver: pieces are `document_chunks` rows (bytea) of the document's tenant, under
 * the same forced RLS as every tenant table, so a file is readable exactly where its row is.
 */
export const postgresDocumentStorage: DocumentStorage = {
  async write(db, key, pieces) {
    let seq = 0;
    for await (const piece of pieces) {
      await db.query("INSERT INTO document_chunks (tenant_id, document_id, seq, data) VALUES ($1, $2, $3, $4)", [key.tenantId, key.id, seq++, piece]);
    }
  },
  read(db, key) {
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const [row] = (await db.query("SELECT data FROM document_chunks WHERE tenant_id = $1 AND document_id = $2 AND seq = $3", [
            key.tenantId,
            key.id,
            seq,
          ])) as { data: Buffer }[];
          if (!row) return;
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
  },
};
