import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

export enum DocumentStatus {
  PENDING = "PENDING",
  STORED = "STORED",
}
registerEnumType(DocumentStatus, {
  name: "DocumentStatus",
  description: "Whether a document's content has arrived",
  valuesConfig: {
    PENDING: { description: "Its upload URL was issued; no content yet" },
    STORED: { description: "Its content arrived with the declared size, SHA-256 and type, and is stored; it never changes" },
  },
});

/** A file in its tenant's storage: the metadata row; the content is in the storage driver (document-storage.ts). */
@Entity({ name: "documents" })
@ObjectType({ description: "A stored file (a certificate, a signed contract, proof of service, evidence), isolated like the rows of its tenant" })
export class Document extends TenantRow {
  @Column({ name: "file_name", type: "text" })
  @Field({ description: "The file's name as uploaded, without any path or control characters" })
  fileName!: string;

  @Column({ name: "content_type", type: "text" })
  @Field({ description: "The media type, declared at upload and checked against the content" })
  contentType!: string;

  @Column({ name: "byte_size", type: "integer" })
  @Field(() => Int, { description: "The size in bytes" })
  byteSize!: number;

  @Column("text")
  @Field({ description: "The SHA-256 of the content, in lowercase hex" })
  sha256!: string;

  @Column("text")
  @Field(() => DocumentStatus, { description: "PENDING until the content arrives, then STORED" })
  status!: DocumentStatus;

  @Column({ name: "upload_token_hash", type: "bytea", nullable: true, select: false })
  uploadTokenHash!: Buffer | null;

  @Column({ name: "upload_expires_at", type: "timestamptz" })
  uploadExpiresAt!: Date;

  /** The object holding the content in an object store (S3 driver); null: its document_chunks rows. */
  @Column({ name: "storage_key", type: "text", nullable: true })
  storageKey!: string | null;

  @Column({ name: "uploaded_by", type: "uuid" })
  uploadedBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When its upload was created" })
  createdAt!: Date;

  @Column({ name: "stored_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When its content was stored; null while PENDING" })
  storedAt!: Date | null;
}

@ObjectType({ description: "A created upload: PUT the file's bytes to uploadUrl, once, before expiresAt" })
export class UploadTicket {
  @Field(() => Document, { description: "The document, PENDING until the bytes arrive" })
  document!: Document;

  @Field({ description: "Where to PUT the raw bytes (under PUBLIC_URL when set, else a path of this API); the URL alone authorises it, once" })
  uploadUrl!: string;

  @Field({ description: "When the upload URL stops working" })
  expiresAt!: Date;
}
