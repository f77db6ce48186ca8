import { MigrationInterface, QueryRunner } from "typeorm";

const DEPARTMENTS = "'MANAGEMENT','MEDIA','FINANCE','TECHNOLOGY','TRAINING','OPERATIONS'";
const COMPLAINT_STATUSES = "'OPEN','INVESTIGATING','NEGOTIATION','MEDIATION','ARBITRATION','RESOLVED'";

/**
 * Issue 20, the processes behind hosted operations (seed 004 §3, §7) and provider disputes
 * (seed 003 七):
 * - an operations plan is reviewed internally through the approvals engine before execution;
 * - project tasks with owner, due date and status;
 * - numbered rectification notices (their own gap-free series per tenant and year) with owner,
 *   deadline, the rectification and its verification by a third member;
 * - acceptance materials and the hand-over record;
 * - risks are updated, reviewed (review log, next review date), linked to a project and closed;
 * - a dispute has a handler, a LITIGATION stage after arbitration, follow-ups after resolution,
 *   and may be reopened.
 */
export class OperationsRisksDisputes1765270000000 implements MigrationInterface {
  name = "OperationsRisksDisputes1765270000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE operation_projects
        ADD COLUMN plan_review text CHECK (plan_review IN ('PENDING','APPROVED','REJECTED')),
        ADD COLUMN quality_assessment text,
        ADD COLUMN satisfaction_survey_result text,
        ADD COLUMN handed_over_to text,
        ADD COLUMN handover_items text,
        ADD COLUMN handed_over_at timestamptz,
        ADD COLUMN handed_over_by uuid REFERENCES users (id),
        ADD CONSTRAINT operation_projects_handover CHECK ((handed_over_at IS NULL) = (handed_over_by IS NULL));
      CREATE INDEX operation_projects_handed_over_by ON operation_projects (handed_over_by);

      CREATE TABLE project_tasks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        owner_id uuid NOT NULL REFERENCES users (id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','IN_PROGRESS','DONE','CANCELLED')),
        completed_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES operation_projects (tenant_id, id),
        CHECK ((status = 'DONE') = (completed_at IS NOT NULL))
      );
      CREATE INDEX project_tasks_project ON project_tasks (tenant_id, project_id, due_on, id);
      CREATE INDEX project_tasks_open_due ON project_tasks (tenant_id, due_on, id) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX project_tasks_id ON project_tasks (id);
      CREATE INDEX project_tasks_owner ON project_tasks (owner_id);
      CREATE INDEX project_tasks_created_by ON project_tasks (created_by);

      CREATE TABLE rectification_notice_counters (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        year int NOT NULL,
        last_number int NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (tenant_id, year)
      );

      CREATE TABLE rectification_notices (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        check_id uuid,
        year int NOT NULL,
        number int NOT NULL CHECK (number > 0),
        notice_number text NOT NULL,
        requirement text NOT NULL CHECK (length(btrim(requirement)) > 0),
        owner_id uuid NOT NULL REFERENCES users (id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'ISSUED' CHECK (status IN ('ISSUED','RECTIFIED','VERIFIED')),
        issued_by uuid NOT NULL REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        rectification text,
        rectified_by uuid REFERENCES users (id),
        rectified_at timestamptz,
        verified_by uuid REFERENCES users (id),
        verified_at timestamptz,
        verification_note text,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, year, number),
        UNIQUE (tenant_id, notice_number),
        UNIQUE (tenant_id, check_id),
        FOREIGN KEY (tenant_id, project_id) REFERENCES operation_projects (tenant_id, id),
        FOREIGN KEY (tenant_id, check_id) REFERENCES supervision_checks (tenant_id, id),
        CHECK ((status = 'ISSUED') = (rectified_at IS NULL)),
        CHECK ((rectified_at IS NULL) = (rectified_by IS NULL AND rectification IS NULL)),
        CHECK ((status = 'VERIFIED') = (verified_at IS NOT NULL)),
        -- Separation of duties: whoever verifies neither issued the notice nor performed the rectification.
        CHECK (status <> 'VERIFIED' OR (verified_by <> issued_by AND verified_by <> rectified_by))
      );
      CREATE INDEX rectification_notices_project ON rectification_notices (tenant_id, project_id, issued_at);
      CREATE INDEX rectification_notices_open_due ON rectification_notices (tenant_id, due_on, id) WHERE status <> 'VERIFIED';
      CREATE INDEX rectification_notices_id ON rectification_notices (id);
      CREATE INDEX rectification_notices_check ON rectification_notices (check_id);
      CREATE INDEX rectification_notices_owner ON rectification_notices (owner_id);
      CREATE INDEX rectification_notices_issued_by ON rectification_notices (issued_by);
      CREATE INDEX rectification_notices_rectified_by ON rectification_notices (rectified_by);
      CREATE INDEX rectification_notices_verified_by ON rectification_notices (verified_by);

      ALTER TABLE risks
        ADD COLUMN responsible_department text CHECK (responsible_department IN (${DEPARTMENTS})),
        ADD COLUMN project_id uuid,
        ADD COLUMN next_review_on date,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by uuid REFERENCES users (id),
        ADD COLUMN closure_reason text,
        ADD CONSTRAINT risks_project FOREIGN KEY (tenant_id, project_id) REFERENCES operation_projects (tenant_id, id),
        ADD CONSTRAINT risks_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND closure_reason IS NOT NULL));
      CREATE INDEX risks_project ON risks (tenant_id, project_id);
      CREATE INDEX risks_review_due ON risks (tenant_id, next_review_on, id) WHERE status = 'OPEN';
      CREATE INDEX risks_closed_by ON risks (closed_by);

      CREATE TABLE risk_reviews (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL,
        note text NOT NULL CHECK (length(btrim(note)) > 0),
        likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
        next_review_on date,
        reviewed_by uuid NOT NULL REFERENCES users (id),
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, risk_id) REFERENCES risks (tenant_id, id)
      );
      CREATE INDEX risk_reviews_risk ON risk_reviews (tenant_id, risk_id, reviewed_at, id);
      CREATE INDEX risk_reviews_id ON risk_reviews (id);
      CREATE INDEX risk_reviews_reviewed_by ON risk_reviews (reviewed_by);

      ALTER TABLE complaints
        ADD COLUMN handler_id uuid REFERENCES users (id),
        ADD COLUMN reopened_at timestamptz,
        ADD COLUMN reopen_count int NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
        DROP CONSTRAINT complaints_status_check,
        ADD CONSTRAINT complaints_status_check CHECK (status IN (${COMPLAINT_STATUSES},'LITIGATION'));
      CREATE INDEX complaints_handler ON complaints (handler_id);
      ALTER TABLE complaint_events
        DROP CONSTRAINT complaint_events_kind_check,
        ADD CONSTRAINT complaint_events_kind_check CHECK (kind IN ('EVIDENCE','TRANSITION','FOLLOW_UP'));

      -- The side that reopens a dispute changes its status and clears its resolution and rating.
      DROP TRIGGER guard_own_update ON complaints;
      DROP TRIGGER guard_parent_update ON complaints;
      SELECT app.guard_columns('complaints', 'OWN', ARRAY['satisfaction', 'rated_by', 'status', 'resolution', 'resolved_at', 'reopened_at', 'reopen_count']);
      SELECT app.guard_columns('complaints', 'PARENT',
        ARRAY['status', 'resolution', 'resolved_at', 'satisfaction', 'rated_by', 'handler_id', 'reopened_at', 'reopen_count']);
    `);
    for (const table of ["project_tasks", "rectification_notice_counters", "rectification_notices", "risk_reviews"]) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`SELECT app.audit_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
    }
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER guard_own_update ON complaints;
      DROP TRIGGER guard_parent_update ON complaints;
      SELECT app.guard_columns('complaints', 'OWN', ARRAY['satisfaction', 'rated_by']);
      SELECT app.guard_columns('complaints', 'PARENT', ARRAY['status', 'resolution', 'resolved_at', 'satisfaction', 'rated_by']);
      ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_kind_check,
        ADD CONSTRAINT complaint_events_kind_check CHECK (kind IN ('EVIDENCE','TRANSITION'));
      ALTER TABLE complaints DROP CONSTRAINT complaints_status_check,
        ADD CONSTRAINT complaints_status_check CHECK (status IN (${COMPLAINT_STATUSES})),
        DROP COLUMN handler_id, DROP COLUMN reopened_at, DROP COLUMN reopen_count;
      DROP TABLE risk_reviews;
      ALTER TABLE risks DROP CONSTRAINT risks_closed, DROP CONSTRAINT risks_project, DROP COLUMN responsible_department, DROP COLUMN project_id,
        DROP COLUMN next_review_on, DROP COLUMN closed_at, DROP COLUMN closed_by, DROP COLUMN closure_reason;
      DROP TABLE rectification_notices, rectification_notice_counters, project_tasks;
      ALTER TABLE operation_projects DROP CONSTRAINT operation_projects_handover, DROP COLUMN plan_review, DROP COLUMN quality_assessment,
        DROP COLUMN satisfaction_survey_result, DROP COLUMN handed_over_to, DROP COLUMN handover_items, DROP COLUMN handed_over_at,
        DROP COLUMN handed_over_by;
    `);
  }
}
