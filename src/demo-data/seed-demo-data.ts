import type { DataSource, EntityManager } from "typeorm";
import { hashPassword } from "../modules/identity/password";
import { demoApprovalRows } from "./demo-approvals";
import { demoAffiliateRows } from "./demo-affiliates";
import { demoContractRows } from "./demo-contracts";
import { demoPartnerRows } from "./demo-partners";
import { demoOperationRows } from "./demo-operations";
import { demoServiceDeskRows } from "./demo-service-desk";
import { SeedRow, demoCaseRows } from "./demo-cases";
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, demoId } from "./demo-data";

const DEMO_EPOCH = Date.parse("2026-01-05T09:00:00Z");
const HOUR = 3_600_000;

/** The city consultant responsible for each city's clients. */
const CITY_CONSULTANTS: Record<string, string> = {
  "CN-SH": "consultant@cn-sh.demo",
  "CN-SZ": "consultant@cn-sz.demo",
  "MY-KL": "consultant@my-kl.demo",
};

/**
 * Loads DESIGN §6 in one transaction; rows that exist are left alone, so it is idempotent.
 * Runs as the migration role (it writes across every tenant, which requests never do).
 */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (db) => {
    const rows = [
      ...tenantRows(),
      ...userRows(passwordHash),
      ...clientRows(),
      ...demoCaseRows(),
      ...demoApprovalRows(),
      ...demoAffiliateRows(),
      ...demoContractRows(),
      ...demoPartnerRows(),
      ...demoOperationRows(),
      ...demoServiceDeskRows(),
    ];
    for (const row of rows) {
      await insertUnlessPresent(db, row);
    }
  });
}

async function insertUnlessPresent(db: EntityManager, { table, values }: SeedRow): Promise<void> {
  const columns = Object.keys(values);
  await db.query(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) ON CONFLICT DO NOTHING`,
    Object.values(values),
  );
}

function tenantRows(): SeedRow[] {
  const paths = new Map<string, string>();
  return DEMO_TENANTS.map((tenant, index) => {
    const id = demoId("tenant", tenant.code);
    const path = `${tenant.parent ? paths.get(tenant.parent) : "/"}${id}/`;
    paths.set(tenant.code, path);
    return {
      table: "tenants",
      values: {
        id,
        code: tenant.code,
        name: tenant.name,
        kind: tenant.kind,
        parent_id: tenant.parent ? demoId("tenant", tenant.parent) : null,
        path,
        depth: path.split("/").length - 3,
        registration_number: tenant.registrationNumber,
        legal_representative: tenant.legalRepresentative,
        status: "ACTIVE",
        provider_grade: tenant.providerGrade ?? null,
        time_zone: tenant.settings?.timeZone ?? null,
        locale: tenant.settings?.locale ?? null,
        country_code: tenant.settings?.countryCode ?? null,
        created_at: new Date(DEMO_EPOCH - (DEMO_TENANTS.length - index) * HOUR),
      },
    };
  });
}

function userRows(passwordHash: string): SeedRow[] {
  return DEMO_USERS.flatMap((user, index) => {
    const createdAt = new Date(DEMO_EPOCH + index * 60_000);
    return [
      {
        table: "users",
        values: { id: demoId("user", user.email), email: user.email, display_name: user.displayName, password_hash: passwordHash, created_at: createdAt },
      },
      {
        table: "memberships",
        values: {
          tenant_id: demoId("tenant", user.tenant),
          id: demoId("membership", user.email),
          user_id: demoId("user", user.email),
          role: user.role,
          department: user.department,
          created_at: createdAt,
        },
      },
    ];
  });
}

function clientRows(): SeedRow[] {
  return DEMO_CLIENTS.flatMap((client, index) => {
    const createdAt = new Date(DEMO_EPOCH + (index + 1) * 24 * HOUR);
    const tenantId = demoId("tenant", client.tenant);
    const clientId = demoId("client", client.name);
    return [
      {
        table: "clients",
        values: {
          tenant_id: tenantId,
          id: clientId,
          name: client.name,
          industry: client.industry,
          company_size: client.companySize,
          contact_name: client.contactName,
          contact_phone: client.contactPhone,
          needs: client.needs,
          consultant_id: demoId("user", CITY_CONSULTANTS[client.tenant]),
          tags: [client.industry.toLowerCase()],
          created_by: demoId("user", client.createdBy),
          created_at: createdAt,
          updated_at: createdAt,
        },
      },
      {
        table: "client_contacts",
        values: {
          tenant_id: tenantId,
          id: demoId("contact", client.name),
          client_id: clientId,
          name: client.contactName,
          title: "General manager",
          phone: client.contactPhone,
          is_primary: true,
          created_at: createdAt,
        },
      },
      {
        table: "client_communications",
        values: {
          tenant_id: tenantId,
          id: demoId("communication", client.name),
          client_id: clientId,
          channel: "PHONE",
          occurred_at: createdAt,
          summary: `First call: ${client.needs.toLowerCase()}`,
          author_id: demoId("user", client.createdBy),
        },
      },
    ];
  });
}
