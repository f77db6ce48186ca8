import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Two additions for partner contracts and fee settlements:
 * - a partner who declines a contract version says why: the reason is the partner's own column,
 *   so the partner-side guard of partner_contract_versions now allows it next to the consent columns;
 * - a centre's members decide requests of its children (a partner's fee settlement is reviewed by
 *   the centre's staff), so they read the public profile of whoever asked: the requester of a
 *   request the acting tenant reads as its parent (the parent_read policy of approval_requests).
 */
export class PartnerDecisions1764720000000 implements MigrationInterface {
  name = "PartnerDecisions1764720000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE partner_contract_versions ADD COLUMN decline_reason text,
        ADD CONSTRAINT partner_contract_versions_decline_reason CHECK ((declined_at IS NULL) = (decline_reason IS NULL));
      DROP TRIGGER guard_own_update ON partner_contract_versions;
      SELECT app.guard_columns('partner_contract_versions', 'OWN',
        ARRAY['partner_consented_by', 'partner_consented_at', 'declined_at', 'decline_reason']);

      CREATE INDEX approval_requests_parent_requester ON approval_requests (parent_tenant_id, requester_id);
      CREATE POLICY child_requester_read ON users FOR SELECT USING (
        EXISTS (SELECT 1 FROM approval_requests r WHERE r.requester_id = users.id AND r.parent_tenant_id = (SELECT app.acting_tenant_id()))
      );
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP POLICY child_requester_read ON users;
      DROP INDEX approval_requests_parent_requester;
      DROP TRIGGER guard_own_update ON partner_contract_versions;
      SELECT app.guard_columns('partner_contract_versions', 'OWN', ARRAY['partner_consented_by', 'partner_consented_at', 'declined_at']);
      ALTER TABLE partner_contract_versions DROP CONSTRAINT partner_contract_versions_decline_reason, DROP COLUMN decline_reason;
    `);
  }
}
