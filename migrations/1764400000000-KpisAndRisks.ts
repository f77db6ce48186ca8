import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Seed 004: KPI targets per tenant (children inherit the nearest ancestor's unless they set their
 * own) and the risk register with indicators whose warning thresholds raise warnings.
 */
export class KpisAndRisks1764400000000 implements MigrationInterface {
  name = "KpisAndRisks1764400000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE kpi_targets (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kpi text NOT NULL CHECK (kpi IN ('CLIENT_SATISFACTION','COMPLAINT_HANDLING_SATISFACTION','REVISIT_RATE','PROBLEM_HANDLING_RATE')),
        target numeric(5,2) NOT NULL CHECK (target BETWEEN 0 AND 100),
        set_by uuid NOT NULL REFERENCES users (id),
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, kpi)
      );
      CREATE INDEX kpi_targets_set_by ON kpi_targets (set_by);

      CREATE TABLE risks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        category text NOT NULL CHECK (category IN ('MARKET','OPERATIONAL','FINANCIAL','LEGAL')),
        likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
        response text NOT NULL CHECK (response IN ('AVOID','REDUCE','TRANSFER','ACCEPT')),
        owner_id uuid NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX risks_tenant_created ON risks (tenant_id, created_at, id);
      CREATE INDEX risks_id ON risks (id);
      CREATE INDEX risks_owner_id ON risks (owner_id);

      CREATE TABLE risk_indicators (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        unit text,
        warning_threshold numeric NOT NULL,
        direction text NOT NULL CHECK (direction IN ('ABOVE','BELOW')),
        current_value numeric,
        measured_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, risk_id) REFERENCES risks (tenant_id, id)
      );
      CREATE INDEX risk_indicators_risk ON risk_indicators (tenant_id, risk_id);
      CREATE INDEX risk_indicators_id ON risk_indicators (id);

      CREATE TABLE risk_warnings (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL,
        value numeric NOT NULL,
        threshold numeric NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED','CLOSED')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by uuid REFERENCES users (id),
        acknowledged_at timestamptz,
        closed_by uuid REFERENCES users (id),
        closed_at timestamptz,
        note text,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, indicator_id) REFERENCES risk_indicators (tenant_id, id)
      );
      -- At most one warning in flight per indicator.
      CREATE UNIQUE INDEX risk_warnings_one_open ON risk_warnings (tenant_id, indicator_id) WHERE status <> 'CLOSED';
      CREATE INDEX risk_warnings_tenant_status ON risk_warnings (tenant_id, status, raised_at);
      CREATE INDEX risk_warnings_id ON risk_warnings (id);
      CREATE INDEX risk_warnings_acknowledged_by ON risk_warnings (acknowledged_by);
      CREATE INDEX risk_warnings_closed_by ON risk_warnings (closed_by);
    `);
    for (const table of ["kpi_targets", "risks", "risk_indicators", "risk_warnings"]) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`SELECT app.audit_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
    }
    await db.query(`
      GRANT DELETE ON kpi_targets TO linkpass_app;
      -- Targets are inherited down the tree, so a tenant reads its ancestors' targets too.
      CREATE POLICY ancestor_read ON kpi_targets FOR SELECT USING (tenant_id = ANY ((SELECT app.profile_tenant_ids())::uuid[]));
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE risk_warnings, risk_indicators, risks, kpi_targets`);
  }
}
