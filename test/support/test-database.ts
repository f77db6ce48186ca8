import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { databaseUrl } from "./postgres-server";

export interface TestDatabase {
  name: string;
  url: string;
  /** A connection as the migration role (it bypasses RLS): for arranging and inspecting rows. */
  owner: Client;
  drop(): Promise<void>;
}

/** A fresh copy of the migrated, seeded template, private to one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requiredEnv("LINK_PASS_TEST_ADMIN_URL");
  const name = `link_pass_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, async (admin) => {
    // Copies of one template cannot start while another copy is reading it; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${requiredEnv("LINK_PASS_TEST_TEMPLATE")}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  const url = databaseUrl(adminUrl, name);
  const owner = new Client({ connectionString: url });
  await owner.connect();
  return {
    name,
    url,
    owner,
    async drop() {
      await owner.end();
      await withAdmin(adminUrl, async (admin) => {
        await closingConnectionsGone(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

/**
 * A pool's end() answers once it has asked its connections to close, not once they have: a forced
 * drop right then would kill them mid-goodbye, and the pool, no longer listening, would throw the
 * error into the test. Waits (boundedly) for them to leave first; what stays is a leak FORCE ends.
 */
async function closingConnectionsGone(admin: Client, database: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [database]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withAdmin<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with jest so test/support/global-setup.ts runs`);
  return value;
}
