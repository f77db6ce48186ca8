import { Client } from "pg";
import { appModules } from "../src/app";
import { createDataSource } from "../src/db/data-source";
import { hashPassword } from "../src/modules/identity/password";

/**
 * The generated network the benches run on: one head office, `national` national centres with
 * `citiesPerNational` city centres each, clients and service cases (with tasks) spread over the
 * cities, one consultant per city. Every bench user's password is BENCH_PASSWORD.
 */
export interface NetworkSize {
  national: number;
  citiesPerNational: number;
  clients: number;
  cases: number;
  tasksPerCase: number;
  /** Communications logged on the first client of city N1-C1 (the bench's long unpaged list). */
  communications: number;
}

export const BENCH_PASSWORD = "bench-password";
export const HQ_PRESIDENT = "president@hq.bench";
export const NATIONAL_PRESIDENT = "president@n1.bench";
/** A city centre's president: reads that centre's own rows (a partner-portal view). */
export const CITY_PRESIDENT = "president@n1-c1.bench";
export const BENCH_CITY_CODE = "N1-C1";

const HQ_ID = "00000000-0000-4000-8000-000000000000";
const CASES_PER_BATCH = 50_000;

export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r${label.padEnd(14)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString()}/${total.toLocaleString()}`);
  if (done === total) process.stdout.write("\n");
}

/** Drops and recreates `database` on the server of `adminUrl`, migrated; returns its URL. */
export async function recreateDatabase(adminUrl: string, database: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${database}`);
  await migrateDatabase(url);
  return url;
}

export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = createDataSource({ url, entities: appModules().entities, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

/** Fills a freshly migrated database with the network of `size`, showing progress. */
export async function generateNetwork(url: string, size: NetworkSize): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    // Bulk load only: the audit trail's per-row trigger is for requests, not for generated data.
    await db.query("SET session_replication_role = replica");
    await insertTenantsAndUsers(db, size);
    await insertClients(db, size);
    await insertCases(db, size);
    await insertTasks(db, size);
    await db.query(
      `INSERT INTO client_communications (tenant_id, client_id, channel, occurred_at, summary, author_id)
       SELECT c.tenant_id, c.id, (ARRAY['PHONE','EMAIL','VISIT','ONLINE','MEETING','MESSAGE'])[1 + n % 6],
              now() - (n || ' hours')::interval, 'Follow-up ' || n, c.consultant_id
         FROM (SELECT cl.* FROM clients cl JOIN tenants t ON t.id = cl.tenant_id WHERE t.code = $1
                ORDER BY cl.created_at, cl.id LIMIT 1) c, generate_series(1, $2::int) n`,
      [BENCH_CITY_CODE, size.communications],
    );
    // The bulk load bypassed the triggers, so the report's monthly client and case counts are rebuilt once.
    await db.query("SELECT app.rebuild_case_rollups(), app.rebuild_client_rollups()");
    progress("vacuum", 0, 1);
    // What autovacuum would have done by now: statistics, and the visibility map for index-only scans.
    await db.query("VACUUM ANALYZE");
    progress("vacuum", 1, 1);
  } finally {
    await db.end();
  }
}

async function insertTenantsAndUsers(db: Client, size: NetworkSize): Promise<void> {
  // The load bypasses triggers, so the settings a new tenant would inherit are named here: China's, throughout.
  await db.query(`
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, time_zone, locale, country_code)
    VALUES ('${HQ_ID}', 'HQ', 'Bench HQ', 'HEAD_OFFICE', NULL, '/${HQ_ID}/', 0, 'Asia/Shanghai', 'zh-CN', 'CN');
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, time_zone, locale, country_code)
    SELECT id, 'N' || n, 'National ' || n, 'NATIONAL_CENTRE', '${HQ_ID}', '/${HQ_ID}/' || id || '/', 1, 'Asia/Shanghai', 'zh-CN', 'CN'
      FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${size.national}) n) national;
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, time_zone, locale, country_code)
    SELECT id, code || '-C' || c, 'City ' || c || ' of ' || name, 'CITY_CENTRE', parent_id, path || id || '/', 2, time_zone, locale, country_code
      FROM (SELECT gen_random_uuid() AS id, p.id AS parent_id, p.code, p.name, p.path, p.time_zone, p.locale, p.country_code, c
              FROM tenants p, generate_series(1, ${size.citiesPerNational}) c WHERE p.depth = 1) city;
  `);
  const password = await hashPassword(BENCH_PASSWORD);
  await db.query(
    `INSERT INTO users (email, display_name, password_hash)
     SELECT 'president@' || lower(code) || '.bench', 'President of ' || code, $1 FROM tenants
     UNION ALL
     SELECT 'consultant@' || lower(code) || '.bench', 'Consultant of ' || code, $1 FROM tenants WHERE depth = 2`,
    [password],
  );
  await db.query(`
    INSERT INTO memberships (tenant_id, user_id, role, department)
    SELECT t.id, u.id, CASE WHEN u.email LIKE 'president@%' THEN 'PRESIDENT' ELSE 'CONSULTANT' END,
           CASE WHEN u.email LIKE 'president@%' THEN 'MANAGEMENT' ELSE 'OPERATIONS' END
      FROM users u JOIN tenants t ON u.email IN ('president@' || lower(t.code) || '.bench', 'consultant@' || lower(t.code) || '.bench')`);
}

/** Clients spread evenly over the cities, each served by its city's consultant. */
async function insertClients(db: Client, size: NetworkSize): Promise<void> {
  await db.query(
    `WITH cities AS (SELECT t.id, row_number() OVER (ORDER BY t.id) - 1 AS slot, u.id AS consultant_id
                       FROM tenants t JOIN users u ON u.email = 'consultant@' || lower(t.code) || '.bench' WHERE t.depth = 2)
     INSERT INTO clients (tenant_id, name, industry, consultant_id, created_by, created_at, updated_at)
     SELECT c.id, 'Client ' || n, (ARRAY['IT','MEDIA','RETAIL','MANUFACTURING'])[1 + n % 4], c.consultant_id, c.consultant_id,
            now() - ((n % 900) || ' days')::interval, now()
       FROM generate_series(0, $1::int - 1) n JOIN cities c ON c.slot = n % (SELECT count(*) FROM cities)`,
    [size.clients],
  );
  progress("clients", size.clients, size.clients);
}

/** Cases round-robin over the cities, each for one of that city's clients. */
async function insertCases(db: Client, size: NetworkSize): Promise<void> {
  await db.query(`
    CREATE TEMPORARY TABLE bench_client_slots AS
    SELECT tenant_id, id, consultant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) - 1 AS slot,
           count(*) OVER (PARTITION BY tenant_id) AS clients_in_city
      FROM clients;
    CREATE INDEX ON bench_client_slots (tenant_id, slot);
    CREATE TEMPORARY TABLE bench_cities AS
    SELECT id, row_number() OVER (ORDER BY id) - 1 AS slot FROM tenants WHERE depth = 2;
    ANALYZE bench_client_slots, bench_cities;`);
  for (let done = 0; done < size.cases; done += CASES_PER_BATCH) {
    const batch = Math.min(CASES_PER_BATCH, size.cases - done);
    await db.query(
      `WITH picked AS (
         SELECT g, city.id AS tenant_id FROM generate_series($2::int, $2::int + $1::int - 1) g
           JOIN bench_cities city ON city.slot = g % (SELECT count(*) FROM bench_cities))
       INSERT INTO service_cases (tenant_id, client_id, title, tier, step, consultant_id, opened_by, opened_at, response_due_at, first_response_at, archived_at)
       SELECT p.tenant_id, cl.id, 'Case ' || g,
              (ARRAY['GENERAL','KEY','SPECIAL'])[1 + g % 3],
              (ARRAY['INTAKE','PROFILED','PLAN_DRAFTED','PLAN_CONFIRMED','EXECUTION_PLANNED','IN_SERVICE','MATERIALS_TRANSFERRED','CERTIFICATION','EVALUATED','ARCHIVED'])[1 + g % 10],
              cl.consultant_id, cl.consultant_id,
              now() - ((g % 700) || ' days')::interval,
              now() - ((g % 700) || ' days')::interval + interval '24 hours',
              CASE WHEN g % 10 > 0 THEN now() - ((g % 700) || ' days')::interval + ((g % 40) || ' hours')::interval END,
              CASE WHEN g % 10 = 9 THEN now() - ((g % 700) || ' days')::interval + interval '30 days' END
         FROM picked p
         JOIN bench_client_slots cl ON cl.tenant_id = p.tenant_id
          AND cl.slot = (g / (SELECT count(*) FROM bench_cities)) % cl.clients_in_city`,
      [batch, done],
    );
    progress("service cases", done + batch, size.cases);
  }
}

/** `tasksPerCase` tasks on every case, a city at a time. */
async function insertTasks(db: Client, size: NetworkSize): Promise<void> {
  const cities: { id: string }[] = (await db.query("SELECT id FROM tenants WHERE depth = 2 ORDER BY id")).rows;
  for (const [index, city] of cities.entries()) {
    await db.query(
      `INSERT INTO case_tasks (tenant_id, case_id, title, owner_id, due_on, status)
       SELECT c.tenant_id, c.id, 'Task ' || n || ' of ' || c.title, c.consultant_id, (c.opened_at + (n * 7 || ' days')::interval)::date,
              CASE WHEN c.step = 'ARCHIVED' THEN 'DONE' ELSE (ARRAY['OPEN','IN_PROGRESS','DONE'])[1 + n % 3] END
         FROM service_cases c, generate_series(1, $2::int) n WHERE c.tenant_id = $1`,
      [city.id, size.tasksPerCase],
    );
    progress("case tasks", index + 1, cities.length);
  }
}
