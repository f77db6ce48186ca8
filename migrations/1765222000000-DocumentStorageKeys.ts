import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Content stored outside PostgreSQL (the S3 driver, issue 17): the object's key, random and kept
 * only here, so knowing a document's id never names its object. Null: the content is the
 * document's document_chunks rows.
 */
export class DocumentStorageKeys1765222000000 implements MigrationInterface {
  name = "DocumentStorageKeys1765222000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query("ALTER TABLE documents ADD COLUMN storage_key text CHECK (storage_key ~ '^[A-Za-z0-9/_-]{1,200}$')");
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query("ALTER TABLE documents DROP COLUMN storage_key");
  }
}
