import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An inter-centre settlement's approval may be escalated from the national centre to head office.
 * Head office then decides, and the decision has to reach the statement, which lives two levels
 * down (in the counterparty's tenant), beyond the parent_update policy. This policy lets the
 * tenant that holds a step of the statement's approval request record the outcome, and the
 * trigger holds that side to the decision columns.
 */
export class SettlementEscalation1764730000000 implements MigrationInterface {
  name = "SettlementEscalation1764730000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE POLICY escalated_decision ON inter_centre_settlements FOR UPDATE
        USING (status = 'SUBMITTED' AND (SELECT app.acting_tenant_writes()) AND EXISTS (
          SELECT 1 FROM approval_requests r JOIN approval_steps s ON s.tenant_id = r.tenant_id AND s.request_id = r.id
           WHERE r.tenant_id = inter_centre_settlements.parent_tenant_id AND r.subject_type = 'INTER_CENTRE_SETTLEMENT'
             AND r.subject_id = inter_centre_settlements.id AND s.deciding_tenant_id = (SELECT app.acting_tenant_id())))
        WITH CHECK (status IN ('APPROVED', 'DRAFT'));

      -- Neither the statement's own tenant nor its national centre: only the decision columns.
      CREATE FUNCTION app.guard_escalated_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        acting uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
        changed text;
      BEGIN
        IF acting IS NULL OR acting IN (OLD.tenant_id, OLD.parent_tenant_id) THEN
          RETURN NEW;
        END IF;
        SELECT min(key) INTO changed
          FROM jsonb_each(to_jsonb(NEW)) n
         WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key AND NOT n.key = ANY (ARRAY['status', 'submitted_at', 'decided_at']);
        IF changed IS NOT NULL THEN
          RAISE EXCEPTION 'An escalated decision may not change %.%', TG_TABLE_NAME, changed USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER guard_escalated_update BEFORE UPDATE ON inter_centre_settlements
        FOR EACH ROW EXECUTE FUNCTION app.guard_escalated_settlement();
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER guard_escalated_update ON inter_centre_settlements;
      DROP FUNCTION app.guard_escalated_settlement();
      DROP POLICY escalated_decision ON inter_centre_settlements;
    `);
  }
}
