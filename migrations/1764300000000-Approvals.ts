import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One approvals engine (requests with an ordered chain of steps) and graded authorisation grants
 * with numbered notices (seed 002). A request belongs to the requester's tenant; its parent may
 * read it and record decisions on it, and no other tenant ever appears in its chain.
 */
export class Approvals1764300000000 implements MigrationInterface {
  name = "Approvals1764300000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE approval_requests (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid REFERENCES tenants (id),
        subject_type text NOT NULL CHECK (subject_type ~ '^[A-Z][A-Z_]*$'),
        subject_id uuid NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        requester_id uuid NOT NULL REFERENCES users (id),
        requester_membership_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED','WITHDRAWN')),
        current_position int,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        CHECK ((status = 'PENDING') = (current_position IS NOT NULL))
      );
      CREATE INDEX approval_requests_tenant_status ON approval_requests (tenant_id, status, created_at);
      CREATE INDEX approval_requests_parent_status ON approval_requests (parent_tenant_id, status);
      CREATE INDEX approval_requests_subject ON approval_requests (tenant_id, subject_type, subject_id);
      CREATE INDEX approval_requests_id ON approval_requests (id);
      CREATE INDEX approval_requests_requester_id ON approval_requests (requester_id);

      CREATE TABLE approval_steps (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        parent_tenant_id uuid REFERENCES tenants (id),
        position int NOT NULL CHECK (position >= 0),
        deciding_tenant_id uuid NOT NULL REFERENCES tenants (id),
        min_authority_level smallint NOT NULL CHECK (min_authority_level BETWEEN 1 AND 4),
        status text NOT NULL CHECK (status IN ('WAITING','PENDING','APPROVED','REJECTED','ESCALATED','WITHDRAWN')),
        activated_at timestamptz,
        due_at timestamptz,
        decision text CHECK (decision IN ('APPROVE','REJECT','ESCALATE')),
        decided_by uuid REFERENCES users (id),
        decided_membership_id uuid,
        decided_at timestamptz,
        reason text,
        automatic boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, request_id, position),
        FOREIGN KEY (tenant_id, request_id) REFERENCES approval_requests (tenant_id, id),
        -- No skip-level: only the requester's tenant or its direct parent ever decides.
        CHECK (deciding_tenant_id = tenant_id OR deciding_tenant_id = parent_tenant_id)
      );
      CREATE INDEX approval_steps_deciding ON approval_steps (deciding_tenant_id, status);
      CREATE INDEX approval_steps_pending_due ON approval_steps (due_at) WHERE status = 'PENDING';
      CREATE INDEX approval_steps_decided_by ON approval_steps (decided_by);

      CREATE TABLE grants (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_tenant_id uuid REFERENCES tenants (id),
        holder_id uuid NOT NULL REFERENCES users (id),
        matter text NOT NULL CHECK (length(btrim(matter)) > 0),
        scope text NOT NULL CHECK (length(btrim(scope)) > 0),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED','WITHDRAWN','REVOKED')),
        granted_by_tenant_id uuid REFERENCES tenants (id),
        notice_number text,
        approved_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        revocation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK (valid_until > valid_from),
        CHECK ((status IN ('APPROVED','REVOKED')) = (notice_number IS NOT NULL)),
        CHECK (granted_by_tenant_id IS NULL OR granted_by_tenant_id = tenant_id OR granted_by_tenant_id = parent_tenant_id)
      );
      CREATE INDEX grants_tenant_holder ON grants (tenant_id, holder_id, status);
      CREATE INDEX grants_tenant_level ON grants (tenant_id, level, status);
      CREATE INDEX grants_parent ON grants (parent_tenant_id);
      CREATE INDEX grants_id ON grants (id);
      CREATE INDEX grants_holder_id ON grants (holder_id);
      CREATE INDEX grants_revoked_by ON grants (revoked_by);

      -- Gap-free numbering: one counter row per issuing tenant and year, locked by the UPDATE that
      -- takes the next number, so concurrent notices queue and a rolled-back one frees its number.
      CREATE TABLE notice_counters (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        year int NOT NULL,
        last_number int NOT NULL DEFAULT 0,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        PRIMARY KEY (tenant_id, year)
      );
      CREATE TABLE notices (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        year int NOT NULL,
        number int NOT NULL CHECK (number > 0),
        notice_number text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        subject_tenant_id uuid NOT NULL REFERENCES tenants (id),
        issued_by uuid NOT NULL REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, year, number),
        UNIQUE (tenant_id, notice_number)
      );
      CREATE INDEX notices_subject ON notices (subject_tenant_id, subject_id);
      CREATE INDEX notices_issued_by ON notices (issued_by);
    `);

    for (const table of ["approval_requests", "approval_steps", "grants", "notice_counters", "notices"]) {
      await db.query(`SELECT app.isolate_tenant_table('${table}')`);
      await db.query(`SELECT app.audit_tenant_table('${table}')`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO linkpass_app`);
    }
    // The requester's direct parent reads the chain and records its decisions (never a grandparent).
    for (const table of ["approval_requests", "approval_steps", "grants"]) {
      await db.query(`
        CREATE POLICY parent_read ON ${table} FOR SELECT USING (parent_tenant_id = (SELECT app.acting_tenant_id()));
        CREATE POLICY parent_update ON ${table} FOR UPDATE
          USING (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_id()) = ANY ((SELECT app.writable_tenant_ids())::uuid[]))
          WITH CHECK (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_id()) = ANY ((SELECT app.writable_tenant_ids())::uuid[]));
      `);
    }
    await db.query(`
      CREATE POLICY parent_insert ON approval_steps FOR INSERT
        WITH CHECK (parent_tenant_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_id()) = ANY ((SELECT app.writable_tenant_ids())::uuid[]));
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notices, notice_counters, grants, approval_steps, approval_requests`);
  }
}
