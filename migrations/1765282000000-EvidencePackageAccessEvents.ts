import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every recorded access of an evidence package raises `evidence_package.accessed` (issues 17 and
 * 18), in the transaction that records it. A trigger does it rather than the application, because
 * the share URL's context has no member: the outbox's request policy wants the caller as the
 * actor, and a share URL has no caller. The trigger's function runs as linkpass_events, which may
 * only add events of this one type and read a package's case, so whatever a request manages to
 * insert into evidence_package_accesses (under the policies that already decide it) is the only
 * thing that makes it write an event. The event's tenant is the package's; its actor is the
 * recipient's member, or nobody through the share URL; its data carries ids only.
 */
export class EvidencePackageAccessEvents1765282000000 implements MigrationInterface {
  name = "EvidencePackageAccessEvents1765282000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linkpass_events') THEN
          CREATE ROLE linkpass_events NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$;
      GRANT linkpass_events TO CURRENT_USER;
      GRANT USAGE ON SCHEMA app TO linkpass_events;

      GRANT SELECT (tenant_id, id, case_id) ON evidence_packages TO linkpass_events;
      CREATE POLICY access_event ON evidence_packages FOR SELECT TO linkpass_events USING (true);
      GRANT INSERT (tenant_id, type, subject_type, subject_id, actor_id, data) ON events TO linkpass_events;
      CREATE POLICY access_event ON events FOR INSERT TO linkpass_events
        WITH CHECK (type = 'evidence_package.accessed' AND subject_type = 'EvidencePackage' AND dispatched_at IS NULL);

      CREATE FUNCTION app.raise_evidence_package_accessed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        INSERT INTO public.events (tenant_id, type, subject_type, subject_id, actor_id, data)
        SELECT p.tenant_id, 'evidence_package.accessed', 'EvidencePackage', p.id, NEW.accessed_by,
               jsonb_build_object('accessId', NEW.id, 'caseId', p.case_id)
          FROM public.evidence_packages p
         WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.package_id;
        RETURN NULL;
      END $$;
      ALTER FUNCTION app.raise_evidence_package_accessed() OWNER TO linkpass_events;
      REVOKE ALL ON FUNCTION app.raise_evidence_package_accessed() FROM PUBLIC;

      -- Named after audit_trail so it fires after it, like the rollups.
      CREATE TRIGGER evidence_package_accessed AFTER INSERT ON evidence_package_accesses
        FOR EACH ROW EXECUTE FUNCTION app.raise_evidence_package_accessed();
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER evidence_package_accessed ON evidence_package_accesses;
      DROP FUNCTION app.raise_evidence_package_accessed();
      DROP POLICY access_event ON events;
      REVOKE INSERT ON events FROM linkpass_events;
      DROP POLICY access_event ON evidence_packages;
      REVOKE SELECT ON evidence_packages FROM linkpass_events;
      REVOKE USAGE ON SCHEMA app FROM linkpass_events;
    `);
  }
}
