import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { Client as PgClient } from "pg";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDataSource } from "../src/db/data-source";
import { Client } from "../src/modules/crm/client.entity";
import { whereNameHolds } from "../src/shared/name-search";
import { CLIENT_NAME_PAIRS } from "../src/modules/crm/client.service";
import { createLogger } from "../src/shared/logger";
import { BENCH_PASSWORD, CITY_PRESIDENT, HQ_PRESIDENT, generateNetwork, recreateDatabase } from "./dataset";

/**
 * Name search latency on the bench network's 200,000 clients, renamed to Chinese company names
 * (a third of them in Traditional script): `clients(search:, first: 20)` end to end over HTTP,
 * for two-character queries, as head office (every client) and as a city centre (its own).
 * Usage: npm run bench:search [-- --runs 50 --reuse]
 * Uses a database `link_pass_bench_search` on BENCH_ADMIN_URL's server, which it recreates.
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const RUNS = Number(args.runs ?? 50);
const CLIENTS = 200_000;
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = "link_pass_bench_search";

const PLACES = ["广州", "廣州", "深圳", "上海", "北京", "杭州", "成都", "武汉", "南京", "臺北", "台中", "高雄", "香港", "澳門", "吉隆坡", "新山", "槟城", "苏州", "廈門", "天津"];
const TRADES = ["精密", "机械", "食品", "物流", "貿易", "电子", "能源", "醫療", "建设", "軟件", "传媒", "纺织", "化工", "環保", "金融", "咨询", "教育", "餐饮", "汽車", "家具"];
const FORMS = ["有限公司", "股份有限公司", "集團", "科技有限公司", "工作室"];

/** The queries measured: a place (a tenth of all names, in both scripts) and a trade (a twentieth); null is the unsearched list, for comparison. */
const QUERIES = ["广州", "医疗", null];

async function generate(): Promise<string> {
  const url = await recreateDatabase(adminUrl, database);
  await generateNetwork(url, { national: 10, citiesPerNational: 19, clients: CLIENTS, cases: 0, tasksPerCase: 0, communications: 0 });
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    await db.query("SET session_replication_role = replica");
    await db.query(
      `UPDATE clients c SET name = ($1::text[])[1 + n % $4] || ($2::text[])[1 + (n / 7) % $5] || ($2::text[])[1 + (n / 3) % $5] || ($3::text[])[1 + n % $6] || n
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM clients) numbered WHERE numbered.id = c.id`,
      [PLACES, TRADES, FORMS, PLACES.length, TRADES.length, FORMS.length],
    );
    // The rename bypassed the trigger that keeps the character pairs, so they are rebuilt once.
    await db.query("TRUNCATE client_name_pairs");
    await db.query("INSERT INTO client_name_pairs (tenant_id, row_id, pair, listed_at) SELECT tenant_id, id, unnest(app.search_pairs(search_key)), created_at FROM clients");
    await db.query("VACUUM ANALYZE clients, client_name_pairs");
  } finally {
    await db.end();
  }
  return url;
}

async function explain(url: string, search: string): Promise<string> {
  const dataSource = createDataSource({ url, entities: appModules().entities, poolSize: 1 });
  await dataSource.initialize();
  try {
    const query = whereNameHolds(dataSource.manager.getRepository(Client).createQueryBuilder("c"), "c", search, CLIENT_NAME_PAIRS).orderBy("c.created_at").addOrderBy("c.id").limit(21);
    const [sql, parameters] = query.getQueryAndParameters();
    const rows: { "QUERY PLAN": string }[] = await dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, parameters);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await dataSource.destroy();
  }
}

async function measure(url: string, email: string, search: string | null): Promise<{ p50: number; p95: number; found: number }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, PORT: "0", LOG_LEVEL: "warn", SEED_DEMO_DATA: "false", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", NODE_ENV: "production", JWT_SECRET: "bench-secret-bench-secret-bench-secret" }, appModules().settings);
  const app = await startApp(config, createLogger(config.logLevel));
  try {
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as any;
    };
    const token = (await post(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email, password: BENCH_PASSWORD })).data.login.token;
    const query = "query($search: String) { clients(search: $search, first: 20) { edges { node { id name } } } }";
    const samples: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const body = await post(query, { search }, token);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      if (i >= 3) samples.push(performance.now() - started);
      found = body.data.clients.edges.length;
    }
    samples.sort((a, b) => a - b);
    return { p50: samples[Math.floor(samples.length / 2)], p95: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))], found };
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const url = !("reuse" in args) ? await generate() : adminUrl.replace(/\/[^/]*$/, `/${database}`);
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\nclients(search:, first: 20) over ${CLIENTS.toLocaleString()} clients (${RUNS} sequential runs after 3 warm-up, ms)`);
  console.log("| caller | search | rows | p50 | p95 |\n|---|---|---|---|---|");
  for (const email of [HQ_PRESIDENT, CITY_PRESIDENT]) {
    for (const search of QUERIES) {
      const result = await measure(url, email, search);
      console.log(`| ${email} | ${search ?? "(none)"} | ${result.found} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} |`);
    }
  }
  console.log(`\nplan of the head office's page (owner role, so without the policies a request adds):\n${await explain(url, "广州")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
