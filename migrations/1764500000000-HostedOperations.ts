import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Seed 004 §3: hosted-operation projects from intake (feasibility, risk) through the operations
 * plan and execution under supervision checks, to acceptance by the client; budget against
 * actual costs in integer minor units.
 */
export class HostedOperations1764500000000 implements MigrationInterface {
  name = "HostedOperations1764500000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE operation_projects (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        client_id uuid,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        stage text NOT NULL DEFAULT 'INTAKE' CHECK (stage IN ('INTAKE','PLANNED','EXECUTING','AWAITING_ACCEPTANCE','ACCEPTED')),
        feasibility text NOT NULL,
        risk_assessment text NOT NULL,
        goals text,
        strategy text,
        resources text,
        budget_minor bigint NOT NULL CHECK (budget_minor >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        acceptance_report text,
        client_evaluation text,
        accepted_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
        CHECK ((stage = 'ACCEPTED') = (accepted_at IS NOT NULL))
      );
      CREATE INDEX operation_projects_tenant_created ON operation_projects (tenant_id, created_at, id);
      CREATE INDEX operation_projects_client ON operation_projects (tenant_id, client_id);
      CREATE INDEX operation_projects_id ON operation_projects (id);
      CREATE INDEX operation_projects_created_by ON operation_projects (created_by);

      CREATE TABLE supervision_checks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        findings text NOT NULL CHECK (length(btrim(findings)) > 0),
        passed boolean NOT NULL,
        rectification_notice text,
        rectified_at timestamptz,
        checked_by uuid NOT NULL REFERENCES users (id),
        checked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES operation_projects (tenant_id, id),
        CHECK (passed OR rectification_notice IS NOT NULL)
      );
      CREATE INDEX supervision_checks_project ON supervision_checks (tenant_id, project_id, checked_at);
      CREATE INDEX supervision_checks_id ON supervision_checks (id);
      CREATE INDEX supervision_checks_checked_by ON supervision_checks (checked_by);

      CREATE TABLE project_costs (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        description text NOT NULL CHECK (length(btrim(description)) > 0),
        incurred_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES operation_projects (tenant_id, id)
      );
      CREATE INDEX project_costs_project ON project_costs (tenant_id, project_id, incurred_on);
      CREATE INDEX project_costs_recorded_by ON project_costs (recorded_by);
    `);
    for (const table of ["operation_projects", "supervision_checks", "project_costs"]) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`SELECT app.audit_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
    }
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE project_costs, supervision_checks, operation_projects`);
  }
}
