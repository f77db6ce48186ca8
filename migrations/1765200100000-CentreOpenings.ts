import { MigrationInterface, QueryRunner } from "typeorm";

/** The acting tenant's opening of this centre, decided as `decided` (SQL, inside a tenants policy). */
const opening = (decided: string) =>
  `EXISTS (SELECT 1 FROM centre_openings o WHERE o.tenant_id = (SELECT app.acting_tenant_id()) AND o.centre_tenant_id = tenants.id AND o.status ${decided})`;
const ACTS_AS_PARENT = "parent_id = (SELECT app.acting_tenant_id()) AND (SELECT app.acting_tenant_writes())";

/**
 * Opening centres (issue 16). A tenant proposes a child centre: head office a national centre, a
 * national centre a city centre or an affiliated company. The child exists from the proposal on,
 * APPLIED (the start of every tenant's lifecycle, DESIGN §1; the demo's tenants are ACTIVE and
 * stay so), in the proposer's subtree, so its ancestors read it at once and its siblings never
 * do. The proposal is a `centre_openings` row of the proposing tenant and an approval request.
 *
 * The policies hold the parent to that path: it inserts only an APPLIED child of a kind its own
 * kind may open, and only by a president, deputy or head of MANAGEMENT; it turns the child ACTIVE
 * only once its opening is APPROVED, and TERMINATED once REJECTED or WITHDRAWN; and it invites
 * into the child only the opening's first administrator, as PRESIDENT, once APPROVED.
 */
export class CentreOpenings1765200100000 implements MigrationInterface {
  name = "CentreOpenings1765200100000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE centre_openings (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        centre_tenant_id uuid NOT NULL UNIQUE,
        admin_email text NOT NULL CHECK (admin_email = lower(admin_email) AND admin_email LIKE '%_@_%'),
        admin_display_name text NOT NULL CHECK (length(btrim(admin_display_name)) > 0),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED','WITHDRAWN')),
        requested_by uuid NOT NULL REFERENCES users (id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- The centre is a direct child of the proposing tenant.
        FOREIGN KEY (centre_tenant_id, tenant_id) REFERENCES tenants (id, parent_id)
      );
      CREATE INDEX centre_openings_requested_by ON centre_openings (requested_by);
      SELECT app.isolate_tenant_table('centre_openings');
      SELECT app.audit_tenant_table('centre_openings');
      GRANT SELECT, INSERT, UPDATE (status, decided_at) ON centre_openings TO linkpass_app;

      -- The kind of a tenant the caller reads; a function, because a policy on tenants may not read tenants itself.
      CREATE FUNCTION app.readable_tenant_kind(p_tenant_id uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT t.kind FROM public.tenants t WHERE t.id = p_tenant_id);
      END $$;

      CREATE POLICY parent_proposes_centre ON tenants FOR INSERT WITH CHECK (
        ${ACTS_AS_PARENT} AND status = 'APPLIED' AND provider_grade IS NULL
        AND ((SELECT app.acting_role()) IN ('PRESIDENT', 'DEPUTY')
             OR ((SELECT app.acting_role()) = 'DEPARTMENT_HEAD' AND (SELECT app.acting_department()) = 'MANAGEMENT'))
        AND CASE kind
              WHEN 'NATIONAL_CENTRE' THEN app.readable_tenant_kind(parent_id) = 'HEAD_OFFICE'
              WHEN 'CITY_CENTRE' THEN app.readable_tenant_kind(parent_id) = 'NATIONAL_CENTRE'
              WHEN 'AFFILIATED_COMPANY' THEN app.readable_tenant_kind(parent_id) = 'NATIONAL_CENTRE'
                                             AND registration_number IS NOT NULL AND legal_representative IS NOT NULL
              ELSE false
            END);
      CREATE POLICY parent_decides_centre ON tenants FOR UPDATE
        USING (${ACTS_AS_PARENT} AND status = 'APPLIED' AND ${opening("<> 'PENDING'")})
        WITH CHECK (${ACTS_AS_PARENT} AND CASE status
                      WHEN 'ACTIVE' THEN ${opening("= 'APPROVED'")}
                      WHEN 'TERMINATED' THEN ${opening("IN ('REJECTED', 'WITHDRAWN')")}
                      ELSE false
                    END);

      CREATE POLICY opened_centre_first_president ON invitations FOR INSERT WITH CHECK (
        role = 'PRESIDENT' AND (SELECT app.acting_tenant_writes())
        AND EXISTS (SELECT 1 FROM centre_openings o
                     WHERE o.tenant_id = (SELECT app.acting_tenant_id()) AND o.centre_tenant_id = invitations.tenant_id
                       AND o.status = 'APPROVED' AND o.admin_email = invitations.email));
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP POLICY opened_centre_first_president ON invitations;
      DROP POLICY parent_decides_centre ON tenants;
      DROP POLICY parent_proposes_centre ON tenants;
      DROP TABLE centre_openings;
      DROP FUNCTION app.readable_tenant_kind(uuid);
    `);
  }
}
