import type { Client } from "pg";
import { hashPassword } from "../../src/modules/identity/password";
import { DEMO_PASSWORD, demoId } from "../../src/demo-data/demo-data";

/** Rows a test arranges or looks up directly, as the database owner (past the API and RLS). */

/** A user of the test database only, with the demo password and one membership; adding it again changes nothing. */
export async function addMember(owner: Client, email: string, tenantCode: string, role: string, department = "MANAGEMENT"): Promise<void> {
  const userId = demoId("test-user", email);
  await owner.query("INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $2, $3) ON CONFLICT DO NOTHING", [
    userId,
    email,
    await hashPassword(DEMO_PASSWORD),
  ]);
  await addMembership(owner, userId, tenantCode, role, department);
}

/** One more membership for an existing user. */
export async function addMembership(owner: Client, userId: string, tenantCode: string, role: string, department = "MANAGEMENT"): Promise<void> {
  await owner.query("INSERT INTO memberships (tenant_id, user_id, role, department) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", [
    demoId("tenant", tenantCode),
    userId,
    role,
    department,
  ]);
}

/** The latest approval request opened for a subject (a grant, contract, file, settlement or standard). */
export async function approvalRequestOf(owner: Client, subjectId: string): Promise<string> {
  const { rows } = await owner.query("SELECT id FROM approval_requests WHERE subject_id = $1 ORDER BY created_at DESC LIMIT 1", [subjectId]);
  return rows[0].id;
}
