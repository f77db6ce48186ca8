import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDataSource } from "../src/db/data-source";
import { hashPassword } from "../src/modules/identity/password";
import { createLogger } from "../src/shared/logger";

/**
 * networkReport latency on a generated network: 1 head office, NATIONAL national centres with
 * CITIES city centres each (1,001 tenants by default) and CASES service cases spread over them.
 * Usage: npm run bench:report [-- --cases 1000000 --national 20 --cities 49 --runs 30]
 * Uses BENCH_DATABASE_URL (default: a database `link_pass_bench_report` on the local server),
 * which it recreates.
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const CASES = Number(args.cases ?? 1_000_000);
const NATIONAL = Number(args.national ?? 20);
const CITIES = Number(args.cities ?? 49);
const RUNS = Number(args.runs ?? 30);
const CLIENTS_PER_CITY = 50;
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = "link_pass_bench_report";
const url = process.env.BENCH_DATABASE_URL ?? adminUrl.replace(/\/[^/]*$/, `/${database}`);

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r${label.padEnd(10)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString()}/${total.toLocaleString()}`);
  if (done === total) process.stdout.write("\n");
}

async function generate(): Promise<void> {
  if (!process.env.BENCH_DATABASE_URL) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
  }
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const db = new Client({ connectionString: url });
  await db.connect();
  // Bulk load only: the audit trail's per-row trigger is for requests, not for generated data.
  await db.query("SET session_replication_role = replica");
  await db.query(`
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth)
    VALUES ('00000000-0000-4000-8000-000000000000', 'HQ', 'Bench HQ', 'HEAD_OFFICE', NULL, '/00000000-0000-4000-8000-000000000000/', 0);
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth)
    SELECT id, 'N' || n, 'National ' || n, 'NATIONAL_CENTRE', '00000000-0000-4000-8000-000000000000',
           '/00000000-0000-4000-8000-000000000000/' || id || '/', 1
      FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${NATIONAL}) n) national;
    INSERT INTO tenants (id, code, name, kind, parent_id, path, depth)
    SELECT id, code || '-C' || c, 'City ' || c || ' of ' || name, 'CITY_CENTRE', parent_id, path || id || '/', 2
      FROM (SELECT gen_random_uuid() AS id, p.id AS parent_id, p.code, p.name, p.path, c
              FROM tenants p, generate_series(1, ${CITIES}) c WHERE p.depth = 1) city;
  `);
  const password = await hashPassword("bench-password");
  await db.query(
    `INSERT INTO users (id, email, display_name, password_hash) VALUES
       ('00000000-0000-4000-8000-00000000000a', 'president@hq.bench', 'Bench President', $1),
       ('00000000-0000-4000-8000-00000000000b', 'president@n1.bench', 'Bench National President', $1)`,
    [password],
  );
  await db.query(`
    INSERT INTO memberships (tenant_id, user_id, role, department) VALUES
      ('00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-00000000000a', 'PRESIDENT', 'MANAGEMENT'),
      ((SELECT id FROM tenants WHERE code = 'N1'), '00000000-0000-4000-8000-00000000000b', 'PRESIDENT', 'MANAGEMENT')`);
  await db.query(`
    INSERT INTO clients (tenant_id, name, created_by, created_at, updated_at)
    SELECT t.id, 'Client ' || n, '00000000-0000-4000-8000-00000000000a', now() - (n || ' days')::interval, now()
      FROM tenants t, generate_series(1, ${CLIENTS_PER_CITY}) n WHERE t.depth = 2`);
  const batch = 50_000;
  for (let done = 0; done < CASES; done += batch) {
    const size = Math.min(batch, CASES - done);
    await db.query(
      `WITH cities AS (SELECT array_agg(t.id ORDER BY t.id) AS ids FROM tenants t WHERE t.depth = 2),
            first_client AS (SELECT DISTINCT ON (tenant_id) tenant_id, id FROM clients ORDER BY tenant_id, id),
            picked AS (SELECT g, cities.ids[1 + (g + $2::int) % cardinality(cities.ids)] AS tenant_id FROM generate_series(1, $1::int) g, cities)
       INSERT INTO service_cases (tenant_id, client_id, title, tier, step, consultant_id, opened_by, opened_at, response_due_at, first_response_at, archived_at)
       SELECT p.tenant_id, fc.id, 'Case ' || (g + $2::int),
              (ARRAY['GENERAL','KEY','SPECIAL'])[1 + g % 3],
              (ARRAY['INTAKE','PROFILED','PLAN_DRAFTED','PLAN_CONFIRMED','EXECUTION_PLANNED','IN_SERVICE','MATERIALS_TRANSFERRED','CERTIFICATION','EVALUATED','ARCHIVED'])[1 + g % 10],
              '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000a',
              now() - ((g % 700) || ' days')::interval,
              now() - ((g % 700) || ' days')::interval + interval '24 hours',
              CASE WHEN g % 10 > 0 THEN now() - ((g % 700) || ' days')::interval + ((g % 40) || ' hours')::interval END,
              CASE WHEN g % 10 = 9 THEN now() - ((g % 700) || ' days')::interval + interval '30 days' END
         FROM picked p JOIN first_client fc ON fc.tenant_id = p.tenant_id`,
      [size, done],
    );
    progress("cases", done + size, CASES);
  }
  // The bulk load bypassed the triggers, so the report's monthly case counts are rebuilt once.
  await db.query("SELECT app.rebuild_case_rollups()");
  // What autovacuum would have done by now: statistics, and the visibility map for index-only scans.
  await db.query("VACUUM ANALYZE");
  await db.end();
}

async function measure(email: string): Promise<{ p50: number; p95: number; rows: number }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, PORT: "0", LOG_LEVEL: "warn", SEED_DEMO_DATA: "false", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", NODE_ENV: "production", JWT_SECRET: "bench-secret-bench-secret-bench-secret" });
  const app = await startApp(config, createLogger(config.logLevel));
  try {
    const post = async (query: string, token?: string) => {
      const response = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as any;
    };
    const token = (await post(`mutation { login(email: "${email}", password: "bench-password") { token } }`)).data.login.token;
    const query = "{ networkReport { rows { tenant { code } clients cases openCases casesPastResponseTarget overdueTasks } totals { cases clients meanQualityScore } } }";
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const body = await post(query, token);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      if (i >= 3) samples.push(performance.now() - started);
      rows = body.data.networkReport.rows.length;
    }
    samples.sort((a, b) => a - b);
    return { p50: samples[Math.floor(samples.length / 2)], p95: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))], rows };
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  if (args.reuse === undefined) await generate();
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\nnetworkReport latency (${RUNS} sequential runs after 3 warm-up, ms)`);
  console.log("| caller | tenants in report | p50 | p95 |\n|---|---|---|---|");
  for (const email of ["president@hq.bench", "president@n1.bench"]) {
    const result = await measure(email);
    console.log(`| ${email} | ${result.rows} | ${result.p50.toFixed(0)} | ${result.p95.toFixed(0)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
