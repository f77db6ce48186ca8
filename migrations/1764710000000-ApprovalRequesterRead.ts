import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A centre reads its direct children's approval requests (parent_read), and `ApprovalRequest.requester`
 * is non-null in the public contract; but a member who does not read the child's subtree (staff, a
 * consultant) could not read the requesting user, so the field failed. Whoever reads a request as
 * the requester's parent now reads its requester's public identity (id, email, display name).
 */
export class ApprovalRequesterRead1764710000000 implements MigrationInterface {
  name = "ApprovalRequesterRead1764710000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE POLICY parent_reads_requester ON users FOR SELECT USING (
        EXISTS (SELECT 1 FROM approval_requests r WHERE r.requester_id = users.id AND r.parent_tenant_id = (SELECT app.acting_tenant_id()))
      );
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP POLICY parent_reads_requester ON users;
    `);
  }
}
