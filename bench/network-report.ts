import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/shared/logger";
import { BENCH_PASSWORD, HQ_PRESIDENT, NATIONAL_PRESIDENT, generateNetwork, migrateDatabase, recreateDatabase } from "./dataset";

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

async function generate(): Promise<string> {
  const url = process.env.BENCH_DATABASE_URL ?? (await recreateDatabase(adminUrl, database));
  if (process.env.BENCH_DATABASE_URL) await migrateDatabase(url);
  await generateNetwork(url, {
    national: NATIONAL,
    citiesPerNational: CITIES,
    clients: NATIONAL * CITIES * CLIENTS_PER_CITY,
    cases: CASES,
    tasksPerCase: 0,
    communications: 0,
  });
  return url;
}

async function measure(url: string, email: string): Promise<{ p50: number; p95: number; rows: number }> {
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
    const token = (await post(`mutation { login(email: "${email}", password: "${BENCH_PASSWORD}") { token } }`)).data.login.token;
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
  const url = args.reuse === undefined ? await generate() : (process.env.BENCH_DATABASE_URL ?? adminUrl.replace(/\/[^/]*$/, `/${database}`));
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\nnetworkReport latency (${RUNS} sequential runs after 3 warm-up, ms)`);
  console.log("| caller | tenants in report | p50 | p95 |\n|---|---|---|---|");
  for (const email of [HQ_PRESIDENT, NATIONAL_PRESIDENT]) {
    const result = await measure(url, email);
    console.log(`| ${email} | ${result.rows} | ${result.p50.toFixed(0)} | ${result.p95.toFixed(0)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
