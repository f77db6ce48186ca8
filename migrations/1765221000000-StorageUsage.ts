import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each tenant's stored bytes, for its storage quota (issue 17): the sum of its STORED documents'
 * sizes, kept exact by a trigger in the same transaction as the store or the delete. Written only
 * by the trigger's role, linkpass_rollup, like the other rollups; requests read it through the
 * tenant policy and cannot change it.
 */
export class StorageUsage1765221000000 implements MigrationInterface {
  name = "StorageUsage1765221000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_storage_usage (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
        used_bytes bigint NOT NULL CHECK (used_bytes >= 0)
      );
      SELECT app.isolate_tenant_table('tenant_storage_usage');
      GRANT SELECT ON tenant_storage_usage TO linkpass_app;
      GRANT SELECT, INSERT, UPDATE ON tenant_storage_usage TO linkpass_rollup;
      CREATE POLICY rollup_maintenance ON tenant_storage_usage TO linkpass_rollup USING (true) WITH CHECK (true);

      CREATE FUNCTION app.count_stored_bytes() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status <> 'STORED' AND NEW.status = 'STORED' THEN
          INSERT INTO public.tenant_storage_usage AS u (tenant_id, used_bytes) VALUES (NEW.tenant_id, NEW.byte_size)
          ON CONFLICT (tenant_id) DO UPDATE SET used_bytes = u.used_bytes + EXCLUDED.used_bytes;
        ELSIF TG_OP = 'DELETE' AND OLD.status = 'STORED' THEN
          UPDATE public.tenant_storage_usage SET used_bytes = used_bytes - OLD.byte_size WHERE tenant_id = OLD.tenant_id;
        END IF;
        RETURN NULL;
      END $$;
      ALTER FUNCTION app.count_stored_bytes() OWNER TO linkpass_rollup;
      -- Named after audit_trail so it fires after it: the audit trail's per-tenant lock orders writers first.
      CREATE TRIGGER storage_usage AFTER UPDATE OF status OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION app.count_stored_bytes();

      INSERT INTO tenant_storage_usage (tenant_id, used_bytes)
      SELECT tenant_id, sum(byte_size) FROM documents WHERE status = 'STORED' GROUP BY tenant_id;
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER storage_usage ON documents;
      DROP FUNCTION app.count_stored_bytes();
      DROP TABLE tenant_storage_usage;
    `);
  }
}
