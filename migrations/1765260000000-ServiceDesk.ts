import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The client service desk (issue 20; seed 004 §2 客戶服務組 and §4, seed 002 三): a client's
 * problems and complaints with their handler, deadline, status line and escalation, each move
 * kept in its history, and the revisits scheduled after a case's evaluation. All three live in
 * the serving centre's tenant under the standard policies: the centre reads and writes, members
 * whose role reads the subtree read them from above (DESIGN §2), nobody else sees them.
 */
export class ServiceDesk1765260000000 implements MigrationInterface {
  name = "ServiceDesk1765260000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_requests (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('PROBLEM', 'COMPLAINT')),
        channel text NOT NULL CHECK (channel IN ('PHONE', 'ONLINE_FORM', 'EMAIL', 'VISIT')),
        client_id uuid NOT NULL,
        case_id uuid,
        tier text NOT NULL CHECK (tier IN ('GENERAL', 'KEY', 'SPECIAL')),
        subject text NOT NULL CHECK (subject <> ''),
        description text NOT NULL,
        handler_id uuid NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
        raised_by uuid NOT NULL REFERENCES users (id),
        raised_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        started_at timestamptz,
        resolution text,
        resolved_at timestamptz,
        closed_at timestamptz,
        reopen_count integer NOT NULL DEFAULT 0,
        satisfaction smallint CHECK (satisfaction BETWEEN 0 AND 100),
        rated_by uuid REFERENCES users (id),
        rated_at timestamptz,
        escalation text NOT NULL DEFAULT 'NONE' CHECK (escalation IN ('NONE', 'CENTRE_MANAGEMENT', 'PARENT_CENTRE')),
        escalated_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        -- Only complaints are rated and escalated; a rating is recorded whole, once.
        CHECK (kind = 'COMPLAINT' OR (satisfaction IS NULL AND escalation = 'NONE')),
        CHECK ((satisfaction IS NULL) = (rated_at IS NULL) AND (satisfaction IS NULL) = (rated_by IS NULL)),
        CHECK (status NOT IN ('RESOLVED', 'CLOSED') OR (resolution IS NOT NULL AND resolved_at IS NOT NULL)),
        CHECK ((escalation = 'NONE') = (escalated_at IS NULL))
      );
      CREATE INDEX service_requests_client ON service_requests (tenant_id, client_id);
      CREATE INDEX service_requests_case ON service_requests (tenant_id, case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX service_requests_due ON service_requests (tenant_id, due_at);
      CREATE INDEX service_requests_raised ON service_requests (tenant_id, raised_at);
      CREATE INDEX service_requests_handler_id ON service_requests (handler_id);
      CREATE INDEX service_requests_raised_by ON service_requests (raised_by);
      CREATE INDEX service_requests_rated_by ON service_requests (rated_by) WHERE rated_by IS NOT NULL;
      -- The escalation job's scan: complaints still being handled.
      CREATE INDEX service_requests_unresolved_complaints ON service_requests (due_at)
        WHERE kind = 'COMPLAINT' AND status IN ('OPEN', 'IN_PROGRESS');

      CREATE TABLE service_request_transitions (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        note text,
        by_user uuid NOT NULL REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, request_id) REFERENCES service_requests (tenant_id, id)
      );
      CREATE INDEX service_request_transitions_request ON service_request_transitions (tenant_id, request_id, at);
      CREATE INDEX service_request_transitions_by_user ON service_request_transitions (by_user);

      CREATE TABLE revisits (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        client_id uuid NOT NULL,
        evaluation_id uuid,
        assignee_id uuid NOT NULL REFERENCES users (id),
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'DONE')),
        channel text CHECK (channel IN ('PHONE', 'ONLINE_FORM', 'EMAIL', 'VISIT')),
        outcome text CHECK (outcome IN ('SATISFIED', 'CONCERNS_RAISED')),
        notes text,
        done_at timestamptz,
        done_by uuid REFERENCES users (id),
        scheduled_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES service_cases (tenant_id, id),
        FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, id),
        FOREIGN KEY (tenant_id, evaluation_id) REFERENCES case_evaluations (tenant_id, id),
        CHECK ((status = 'DONE') = (done_at IS NOT NULL AND done_by IS NOT NULL AND outcome IS NOT NULL AND channel IS NOT NULL))
      );
      -- An evaluation schedules its one revisit; further ones are scheduled by hand.
      CREATE UNIQUE INDEX revisits_evaluation ON revisits (tenant_id, evaluation_id) WHERE evaluation_id IS NOT NULL;
      CREATE INDEX revisits_case ON revisits (tenant_id, case_id, due_at);
      CREATE INDEX revisits_client ON revisits (tenant_id, client_id);
      CREATE INDEX revisits_due ON revisits (tenant_id, due_at);
      CREATE INDEX revisits_assignee_id ON revisits (assignee_id);
      CREATE INDEX revisits_done_by ON revisits (done_by) WHERE done_by IS NOT NULL;
      CREATE INDEX revisits_scheduled_by ON revisits (scheduled_by);

      SELECT app.isolate_tenant_table('service_requests');
      SELECT app.isolate_tenant_table('service_request_transitions');
      SELECT app.isolate_tenant_table('revisits');
      GRANT SELECT, INSERT, UPDATE ON service_requests, revisits TO linkpass_app;
      GRANT SELECT, INSERT ON service_request_transitions TO linkpass_app;
      SELECT app.audit_tenant_table('service_requests');
      SELECT app.audit_tenant_table('revisits');
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE revisits, service_request_transitions, service_requests`);
  }
}
