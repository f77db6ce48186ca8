import { Client } from "pg";

export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: process.env.LINK_PASS_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${process.env.LINK_PASS_TEST_TEMPLATE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await (globalThis as { stopTestPostgres?: () => Promise<void> }).stopTestPostgres?.();
}
