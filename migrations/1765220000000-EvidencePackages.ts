import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Evidence packages (issue 17, seed 001 steps 7–8): documents of one service case shared with a
 * certification body until an expiry, or until revoked. A package lives in its case's tenant.
 *
 * Two readers outside that tenant:
 * - the recipient partner tenant, through its own members: it reads the package, and while the
 *   package is active its documents and their content, and records the certification review's
 *   result of that case;
 * - anyone holding the share URL: `app.enter_evidence_package` resolves the token's hash to one
 *   package and opens a context that reads that package's rows and nothing else of any tenant —
 *   no member, no acting tenant, no tenant set, only the signed `app.shared_package_id` — so its
 *   documents' rows and content are readable exactly while the package is active.
 *
 * Every access by either reader is a row of evidence_package_accesses, audited like every row.
 */
export class EvidencePackages1765220000000 implements MigrationInterface {
  name = "EvidencePackages1765220000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evidence_packages (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        recipient_tenant_id uuid REFERENCES tenants (id),
        share_token_hash bytea NOT NULL CHECK (length(share_token_hash) = 32),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX evidence_packages_share_token ON evidence_packages (share_token_hash);
      CREATE INDEX evidence_packages_case ON evidence_packages (tenant_id, case_id);
      CREATE INDEX evidence_packages_recipient ON evidence_packages (recipient_tenant_id) WHERE recipient_tenant_id IS NOT NULL;
      CREATE INDEX evidence_packages_created_by ON evidence_packages (created_by);
      CREATE INDEX evidence_packages_revoked_by ON evidence_packages (revoked_by) WHERE revoked_by IS NOT NULL;

      CREATE TABLE evidence_package_documents (
        tenant_id uuid NOT NULL,
        package_id uuid NOT NULL,
        document_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        PRIMARY KEY (tenant_id, package_id, document_id),
        UNIQUE (tenant_id, package_id, seq),
        FOREIGN KEY (tenant_id, package_id) REFERENCES evidence_packages (tenant_id, id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
      );
      CREATE INDEX evidence_package_documents_document ON evidence_package_documents (tenant_id, document_id);

      CREATE TABLE evidence_package_accesses (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id uuid NOT NULL,
        -- null: the manifest was read
        document_id uuid,
        via text NOT NULL CHECK (via IN ('SHARE_URL', 'RECIPIENT')),
        -- the recipient's member; null through the share URL, which needs no account
        accessed_by uuid REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, package_id) REFERENCES evidence_packages (tenant_id, id),
        FOREIGN KEY (tenant_id, package_id, document_id) REFERENCES evidence_package_documents (tenant_id, package_id, document_id),
        CHECK ((via = 'RECIPIENT') = (accessed_by IS NOT NULL))
      );
      CREATE INDEX evidence_package_accesses_package ON evidence_package_accesses (tenant_id, package_id, at);
      CREATE INDEX evidence_package_accesses_accessed_by ON evidence_package_accesses (accessed_by) WHERE accessed_by IS NOT NULL;

      SELECT app.isolate_tenant_table('evidence_packages');
      SELECT app.isolate_tenant_table('evidence_package_documents');
      SELECT app.isolate_tenant_table('evidence_package_accesses');
      GRANT SELECT, INSERT ON evidence_packages, evidence_package_documents, evidence_package_accesses TO linkpass_app;
      -- A package's content never changes; revoking it is the only update.
      GRANT UPDATE (revoked_at, revoked_by) ON evidence_packages TO linkpass_app;
      SELECT app.audit_tenant_table('evidence_packages');
      SELECT app.audit_tenant_table('evidence_package_documents');
      SELECT app.audit_tenant_table('evidence_package_accesses');
    `);

    await db.query(`
      -- Written only by app.establish_shared_package, bound (like the tenant sets) to the app.context it was set under.
      CREATE FUNCTION app.establish_shared_package(p_package_id uuid) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        key app.context_key;
      BEGIN
        SELECT * INTO STRICT key FROM app.context_key;
        PERFORM set_config('app.shared_package_id', p_package_id::text, true),
                set_config('app.shared_package_id_mac',
                  encode(app.hmac_sha256(key.inner_pad, key.outer_pad, app.context_message('shared_package_id', p_package_id::text)), 'hex'), true);
      END $$;
      ALTER FUNCTION app.establish_shared_package(uuid) OWNER TO linkpass_context;
      REVOKE ALL ON FUNCTION app.establish_shared_package(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.establish_shared_package(uuid) TO linkpass_auth;

      CREATE FUNCTION app.shared_package_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT app.verified_setting('shared_package_id')::uuid $$;

      -- Whether the request receives this package while it is active: through its share URL, or as a member of the addressed tenant.
      CREATE FUNCTION app.receives_evidence_package(p_tenant_id uuid, p_package_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
          SELECT 1 FROM public.evidence_packages p
           WHERE p.tenant_id = p_tenant_id AND p.id = p_package_id AND p.revoked_at IS NULL AND p.expires_at > now()
             AND (p.id = app.shared_package_id() OR p.recipient_tenant_id = app.acting_tenant_id()))
      $$;

      -- Whether the acting tenant is the certification partner an active package of this case is addressed to, and writes.
      CREATE FUNCTION app.certifies_case(p_tenant_id uuid, p_case_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
          SELECT 1 FROM public.evidence_packages p
           WHERE p.tenant_id = p_tenant_id AND p.case_id = p_case_id AND p.revoked_at IS NULL AND p.expires_at > now()
             AND p.recipient_tenant_id = app.acting_tenant_id() AND app.acting_tenant_id() = ANY (app.writable_tenant_ids()))
      $$;

      CREATE POLICY recipient_read ON evidence_packages FOR SELECT USING (recipient_tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]));
      CREATE POLICY share_read ON evidence_packages FOR SELECT USING (id = (SELECT app.shared_package_id()));
      -- Wherever the package is read, so are its contents list and its accesses.
      CREATE POLICY package_read ON evidence_package_documents FOR SELECT USING (
        EXISTS (SELECT 1 FROM public.evidence_packages p WHERE p.tenant_id = evidence_package_documents.tenant_id AND p.id = evidence_package_documents.package_id));
      CREATE POLICY package_read ON evidence_package_accesses FOR SELECT USING (
        EXISTS (SELECT 1 FROM public.evidence_packages p WHERE p.tenant_id = evidence_package_accesses.tenant_id AND p.id = evidence_package_accesses.package_id));
      CREATE POLICY receiver_records_access ON evidence_package_accesses FOR INSERT WITH CHECK (app.receives_evidence_package(tenant_id, package_id));

      CREATE POLICY evidence_package_read ON documents FOR SELECT USING (
        EXISTS (SELECT 1 FROM public.evidence_package_documents pd
                 WHERE pd.tenant_id = documents.tenant_id AND pd.document_id = documents.id AND app.receives_evidence_package(pd.tenant_id, pd.package_id)));
      CREATE POLICY evidence_package_read ON document_chunks FOR SELECT USING (
        EXISTS (SELECT 1 FROM public.evidence_package_documents pd
                 WHERE pd.tenant_id = document_chunks.tenant_id AND pd.document_id = document_chunks.document_id
                   AND app.receives_evidence_package(pd.tenant_id, pd.package_id)));

      CREATE POLICY certifier_read ON certification_reviews FOR SELECT USING (app.certifies_case(tenant_id, case_id));
      CREATE POLICY certifier_update ON certification_reviews FOR UPDATE USING (app.certifies_case(tenant_id, case_id)) WITH CHECK (app.certifies_case(tenant_id, case_id));
    `);

    await db.query(`
      GRANT SELECT ON evidence_packages TO linkpass_auth;
      CREATE POLICY share_lookup ON evidence_packages FOR SELECT TO linkpass_auth USING (true);

      /*
       * The door of a share URL. It answers the package of a known token whatever its state (the
       * route answers 410 for a revoked or expired one, 404 for an unknown token), and opens a
       * context with no member, no tenant set and the one package.
       */
      CREATE FUNCTION app.enter_evidence_package(p_token_hash bytea, p_request_id text DEFAULT NULL)
      RETURNS TABLE (tenant_id uuid, subject_id uuid)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        shared record;
      BEGIN
        SELECT p.tenant_id, p.id INTO shared FROM public.evidence_packages p WHERE p.share_token_hash = p_token_hash;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        -- No acting tenant either: policies keyed on the acting tenant alone (a parent's reads) open nothing here.
        PERFORM app.establish_context(NULL, NULL, NULL, NULL, NULL, p_request_id, '{}'::uuid[], '{}'::uuid[], '{}'::uuid[]);
        PERFORM app.establish_shared_package(shared.id);
        RETURN QUERY SELECT shared.tenant_id, shared.id;
      END $$;
      ALTER FUNCTION app.enter_evidence_package(bytea, text) OWNER TO linkpass_auth;
      REVOKE ALL ON FUNCTION app.enter_evidence_package(bytea, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.enter_evidence_package(bytea, text) TO linkpass_request;
      GRANT EXECUTE ON FUNCTION app.enter_evidence_package(bytea, text) TO CURRENT_USER;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.enter_evidence_package(bytea, text);
      DROP POLICY certifier_read ON certification_reviews;
      DROP POLICY certifier_update ON certification_reviews;
      DROP POLICY evidence_package_read ON documents;
      DROP POLICY evidence_package_read ON document_chunks;
      REVOKE ALL ON evidence_packages FROM linkpass_auth;
      DROP TABLE evidence_package_accesses, evidence_package_documents, evidence_packages;
      DROP FUNCTION app.certifies_case(uuid, uuid), app.receives_evidence_package(uuid, uuid), app.shared_package_id(),
        app.establish_shared_package(uuid);
    `);
  }
}
