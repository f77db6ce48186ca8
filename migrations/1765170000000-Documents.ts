import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Files stored under the same isolation as rows (issue 17): a document's metadata, its content in
 * chunked bytea rows, and its links to the records it belongs to, all keyed by tenant and under
 * forced RLS. Chunks are only ever inserted: stored content never changes.
 *
 * An upload URL carries a random token; only its SHA-256 is kept. `app.enter_upload` is the one
 * door a request without an account takes: it resolves the hashed token of a pending, unexpired
 * upload, locks that document, and opens its tenant's context (that tenant alone, readable and
 * writable) for the rest of the transaction. Objects are schema-qualified and pg_temp comes last,
 * so no temporary object can stand in for them.
 */
export class Documents1765170000000 implements MigrationInterface {
  name = "Documents1765170000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        file_name text NOT NULL CHECK (file_name <> ''),
        content_type text NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'STORED')),
        upload_token_hash bytea,
        upload_expires_at timestamptz NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        stored_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        -- A stored document has no upload token left: its URL was single-use.
        CHECK (status = 'PENDING' OR (upload_token_hash IS NULL AND stored_at IS NOT NULL))
      );
      CREATE INDEX documents_upload_token ON documents (upload_token_hash) WHERE upload_token_hash IS NOT NULL;
      CREATE INDEX documents_uploaded_by ON documents (uploaded_by);

      CREATE TABLE document_chunks (
        tenant_id uuid NOT NULL,
        document_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (tenant_id, document_id, seq),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
      );
      -- Uploads are mostly compressed already (PDF, images, Office, ZIP): keep TOAST from recompressing them.
      ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

      CREATE TABLE document_attachments (
        tenant_id uuid NOT NULL,
        document_id uuid NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        attached_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, subject_type, subject_id, document_id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
      );
      CREATE INDEX document_attachments_document ON document_attachments (tenant_id, document_id);
      CREATE INDEX document_attachments_attached_by ON document_attachments (attached_by);

      SELECT app.isolate_tenant_table('documents');
      SELECT app.isolate_tenant_table('document_chunks');
      SELECT app.isolate_tenant_table('document_attachments');
      GRANT SELECT, INSERT, UPDATE ON documents TO linkpass_app;
      GRANT SELECT, INSERT ON document_chunks, document_attachments TO linkpass_app;
      -- Metadata and links are audited; the content is not copied into the trail (its SHA-256 is).
      SELECT app.audit_tenant_table('documents');
      SELECT app.audit_tenant_table('document_attachments');
    `);
    await db.query(`
      GRANT SELECT, UPDATE (status) ON documents TO linkpass_auth;
      CREATE POLICY upload_lookup ON documents FOR SELECT TO linkpass_auth USING (true);
      -- FOR UPDATE needs an UPDATE policy; WITH CHECK (false) keeps the door from changing any row.
      CREATE POLICY upload_lock ON documents FOR UPDATE TO linkpass_auth USING (true) WITH CHECK (false);

      CREATE FUNCTION app.enter_upload(p_token_hash bytea, p_request_id text DEFAULT NULL)
      RETURNS TABLE (tenant_id uuid, subject_id uuid)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        pending record;
        uploader record;
      BEGIN
        SELECT d.tenant_id, d.id, d.uploaded_by INTO pending
          FROM public.documents d
         WHERE d.upload_token_hash = p_token_hash AND d.status = 'PENDING' AND d.upload_expires_at > now()
           FOR UPDATE;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        -- The upload acts as the member who asked for the URL, in that document's tenant alone.
        SELECT m.id, m.role, m.department INTO uploader
          FROM public.memberships m
         WHERE m.user_id = pending.uploaded_by AND m.tenant_id = pending.tenant_id AND m.active;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        PERFORM app.establish_context(pending.uploaded_by, uploader.id, pending.tenant_id, uploader.role, uploader.department, p_request_id,
                                      ARRAY[pending.tenant_id], ARRAY[pending.tenant_id], '{}'::uuid[]);
        RETURN QUERY SELECT pending.tenant_id, pending.id;
      END $$;
      ALTER FUNCTION app.enter_upload(bytea, text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_upload(bytea, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_upload(bytea, text) TO linkpass_request;
      GRANT EXECUTE ON FUNCTION app.enter_upload(bytea, text) TO CURRENT_USER;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.enter_upload(bytea, text);
      REVOKE ALL ON documents FROM linkpass_auth;
      DROP TABLE document_attachments, document_chunks, documents;
    `);
  }
}
