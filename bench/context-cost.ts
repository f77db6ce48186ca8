import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { Client, escapeLiteral } from "pg";
import { DataSource } from "typeorm";
import { UnforgeableContext1765071500000 } from "../migrations/1765071500000-UnforgeableContext";
import { appModules } from "../src/app";
import { MIGRATIONS } from "../src/db/data-source";
import { RUNTIME_ROLE, enterAsMemberSql } from "../src/db/request-transaction";
import { demoId } from "../src/demo-data/demo-data";
import { seedDemoData } from "../src/demo-data/seed-demo-data";

/**
 * What the unforgeable tenant context costs per statement: the same statements, as the same
 * members, on two copies of the demo network — one migrated up to the plain settings the runtime
 * role could forge (before UnforgeableContext), one with the signed context. Both get the same
 * extra city centres under CN, so head office's visible set is large.
 * Usage: npm run bench:context [-- iterations]
 */
const ITERATIONS = Number(process.argv[2] ?? 1500);
const EXTRA_CITY_CENTRES = 1000;
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The entry statement as it was before the signed context (src/db/request-transaction.ts then). */
function enterWithPlainSettingsSql(userId: string, requestId: string): string {
  return `BEGIN; SELECT ctx.*,
  set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', '10000', true) AS statement_timeout,
  set_config('app.membership_id', ctx.membership_id::text, true) AS membership_setting,
  set_config('app.request_id', ${escapeLiteral(requestId)}, true) AS request_setting,
  set_config('app.operation', '', true) AS operation_setting
FROM app.enter_request(${escapeLiteral(userId)}, NULL) ctx`;
}

const enterWithSignedContextSql = (userId: string, requestId: string) => enterAsMemberSql({ userId, sessionVersion: 1, requestId }, { statementTimeoutMs: 10_000 });

interface Variant {
  name: string;
  client: Client;
  enter: (userId: string, requestId: string) => string;
}

interface Statement {
  name: string;
  /** Whose transaction runs it. */
  email: string;
  text: string;
  values: () => unknown[];
}

const CN_SH_CLIENT = demoId("client", "Shanghai Pudong Precision Machinery");
const STATEMENTS: Statement[] = [
  { name: "client by id (tenant_read), city president", email: "president@cn-sh.demo", text: "SELECT id, name FROM clients WHERE id = $1", values: () => [CN_SH_CLIENT] },
  { name: "client by id (tenant_read), HQ president", email: "president@hq.demo", text: "SELECT id, name FROM clients WHERE id = $1", values: () => [CN_SH_CLIENT] },
  {
    name: "partner contract by id (parent_read), centre staff",
    email: "staff@cn-sh.demo",
    text: "SELECT id, title FROM partner_contracts WHERE id = $1",
    values: () => [demoId("partner-contract", "certification-framework")],
  },
  {
    name: "update one client (policies and audit trigger)",
    email: "president@cn-sh.demo",
    text: "UPDATE clients SET updated_at = clock_timestamp() WHERE id = $1",
    values: () => [CN_SH_CLIENT],
  },
];
const STATEMENT_REPEATS = 5;

async function prepareDatabase(name: string, migrations: typeof MIGRATIONS): Promise<Client> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const dataSource = new DataSource({ type: "postgres", url, entities: [...appModules().entities], migrations, migrationsTransactionMode: "all", logging: false });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await seedDemoData(dataSource);
  await dataSource.query(
    `INSERT INTO tenants (id, code, name, kind, parent_id, path, depth)
     SELECT md5('extra city ' || n)::uuid, 'CN-X' || n, 'Extra city ' || n, 'CITY_CENTRE', cn.id,
            cn.path || md5('extra city ' || n)::uuid || '/', cn.depth + 1
       FROM tenants cn, generate_series(1, $1) n
      WHERE cn.code = 'CN'`,
    [EXTRA_CITY_CENTRES],
  );
  await dataSource.destroy();
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function userIds(client: Client): Promise<Map<string, string>> {
  const { rows } = await client.query("SELECT email, id FROM users");
  return new Map(rows.map((r: { email: string; id: string }) => [r.email, r.id]));
}

interface Samples {
  /** Round trip of each statement as the client sees it, µs. */
  latency: Map<string, number[]>;
  /** Server-side time of the statement's InitPlans (the policies' context readers) and triggers, from EXPLAIN ANALYZE, µs. */
  context: Map<string, number[]>;
}

/**
 * One request transaction of `email` on `variant`: the entry, then each statement of that member
 * (timed, then once under EXPLAIN ANALYZE); rolled back.
 */
async function runTransaction(variant: Variant, users: Map<string, string>, email: string, samples: Samples): Promise<void> {
  const { client } = variant;
  let started = performance.now();
  await client.query(variant.enter(users.get(email)!, "bench"));
  record(samples.latency, `${variant.name}|entry (BEGIN + enter_request), ${email}`, (performance.now() - started) * 1000);
  try {
    for (const [index, statement] of STATEMENTS.entries()) {
      if (statement.email !== email) continue;
      for (let i = 0; i < STATEMENT_REPEATS; i++) {
        started = performance.now();
        await client.query({ name: `s${index}`, text: statement.text, values: statement.values() });
        record(samples.latency, `${variant.name}|${statement.name}`, (performance.now() - started) * 1000);
      }
      const { rows } = await client.query({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, values: statement.values() });
      record(samples.context, `${variant.name}|${statement.name}`, contextTimeMs(rows[0]["QUERY PLAN"][0]) * 1000);
    }
  } finally {
    await client.query("ROLLBACK");
  }
}

interface PlanNode {
  "Parent Relationship"?: string;
  "Actual Total Time": number;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

/** The time spent in InitPlans and triggers of one EXPLAIN ANALYZE result, ms. */
function contextTimeMs(explained: { Plan: PlanNode; Triggers?: { Time: number }[] }): number {
  const initPlans = (node: PlanNode): number =>
    (node["Parent Relationship"] === "InitPlan" ? node["Actual Total Time"] * node["Actual Loops"] : 0) +
    (node.Plans ?? []).reduce((sum, child) => sum + initPlans(child), 0);
  return initPlans(explained.Plan) + (explained.Triggers ?? []).reduce((sum, trigger) => sum + trigger.Time, 0);
}

function record(samples: Map<string, number[]>, key: string, micros: number): void {
  const list = samples.get(key) ?? [];
  list.push(micros);
  samples.set(key, list);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const before = MIGRATIONS.filter((migration) => migration !== UnforgeableContext1765071500000);
  const variants: Variant[] = [
    { name: "plain settings (before)", client: await prepareDatabase("link_pass_bench_context_before", before), enter: enterWithPlainSettingsSql },
    { name: "signed context (now)", client: await prepareDatabase("link_pass_bench_context_now", MIGRATIONS), enter: enterWithSignedContextSql },
  ];
  const users = await userIds(variants[0].client);
  const emails = [...new Set(STATEMENTS.map((s) => s.email))];
  const samples: Samples = { latency: new Map(), context: new Map() };
  const warmUp: Samples = { latency: new Map(), context: new Map() };
  for (let i = 0; i < 100; i++) for (const v of variants) for (const email of emails) await runTransaction(v, users, email, warmUp);
  // Alternate the variants' order every iteration, so drift of the machine lands on both alike.
  for (let i = 0; i < ITERATIONS; i++) {
    const order = i % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) for (const email of emails) await runTransaction(v, users, email, samples);
  }
  for (const v of variants) await v.client.end();

  const quantiles = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
  };
  const table = (title: string, measured: Map<string, number[]>) => {
    console.log(`\n${title}`);
    console.log("| statement | before p50 | now p50 | Δ p50 | before p95 | now p95 |\n|---|---|---|---|---|---|");
    for (const name of new Set([...measured.keys()].map((key) => key.split("|")[1]))) {
      const [before, now] = variants.map((v) => quantiles(measured.get(`${v.name}|${name}`)!));
      const delta = now.p50 - before.p50;
      console.log(`| ${name} | ${before.p50.toFixed(0)} | ${now.p50.toFixed(0)} | ${delta >= 0 ? "+" : ""}${delta.toFixed(0)} | ${before.p95.toFixed(0)} | ${now.p95.toFixed(0)} |`);
    }
  };
  const setting = `${ITERATIONS} transactions per member and variant; HQ's visible set: ${8 + EXTRA_CITY_CENTRES} tenants`;
  table(`Statement latency at the client, µs (${setting}; ${STATEMENT_REPEATS} runs of each statement in each)`, samples.latency);
  table(`InitPlans and triggers of the statement, server-side (EXPLAIN ANALYZE), µs (${setting})`, samples.context);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
