import type { DataSource } from "typeorm";
import { hashPassword } from "../modules/identity/password";
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, demoId } from "./demo-data";

const DEMO_EPOCH = Date.parse("2026-01-05T09:00:00Z");
const HOUR = 3_600_000;

/**
 * Loads DESIGN §6 in one transaction; rows that exist are left alone, so it is idempotent.
 * Runs as the migration role (it writes across every tenant, which requests never do).
 */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  const existingEmails = new Set<string>(
    (await dataSource.query("SELECT email FROM users")).map((row: { email: string }) => row.email),
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await dataSource.transaction(async (db) => {
    const paths = new Map<string, string>();
    for (const [index, tenant] of DEMO_TENANTS.entries()) {
      const id = demoId("tenant", tenant.code);
      const path = `${tenant.parent ? paths.get(tenant.parent) : "/"}${id}/`;
      paths.set(tenant.code, path);
      await db.query(
        `INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, registration_number, legal_representative, status, provider_grade, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ACTIVE', $10, $11) ON CONFLICT (id) DO NOTHING`,
        [
          id, tenant.code, tenant.name, tenant.kind, tenant.parent ? demoId("tenant", tenant.parent) : null, path,
          path.split("/").length - 3, tenant.registrationNumber, tenant.legalRepresentative,
          tenant.providerGrade ?? null, new Date(DEMO_EPOCH - (DEMO_TENANTS.length - index) * HOUR),
        ],
      );
    }

    for (const [index, user] of DEMO_USERS.entries()) {
      const userId = demoId("user", user.email);
      if (!existingEmails.has(user.email)) {
        await db.query(
          `INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO NOTHING`,
          [userId, user.email, user.displayName, passwordHash, new Date(DEMO_EPOCH + index * 60_000)],
        );
      }
      await db.query(
        `INSERT INTO memberships (tenant_id, id, user_id, role, department, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, id) DO NOTHING`,
        [demoId("tenant", user.tenant), demoId("membership", user.email), userId, user.role, user.department, new Date(DEMO_EPOCH + index * 60_000)],
      );
    }

    for (const [index, client] of DEMO_CLIENTS.entries()) {
      const createdAt = new Date(DEMO_EPOCH + (index + 1) * 24 * HOUR);
      await db.query(
        `INSERT INTO clients (tenant_id, id, name, industry, company_size, contact_name, contact_phone, needs, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (tenant_id, id) DO NOTHING`,
        [
          demoId("tenant", client.tenant), demoId("client", client.name), client.name, client.industry, client.companySize,
          client.contactName, client.contactPhone, client.needs, demoId("user", client.createdBy), createdAt,
        ],
      );
    }
  });
}
