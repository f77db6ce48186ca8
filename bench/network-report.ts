import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { appModules, startApp } from "../src/app";
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

/**
 * The periods measured: the whole history, and local periods in Asia/Shanghai (UTC+8), whose
 * month boundaries fall at 16:00 UTC, so the rows between the local and the UTC boundary are
 * read from service_cases and the whole UTC months from the rollups (docs/locale.md).
 */
function periods(): { name: string; args: string }[] {
  const now = new Date();
  const month = (back: number) => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  const yearAgo = `${month(12)}-01T00:00:00+08:00`;
  const thisMonth = `${month(0)}-01T00:00:00+08:00`;
  return [
    { name: "all time", args: "" },
    { name: `local month ${month(1)} (Asia/Shanghai)`, args: `(month: "${month(1)}", timeZone: "Asia/Shanghai")` },
    { name: "last 12 local months (Asia/Shanghai)", args: `(from: "${yearAgo}", to: "${thisMonth}", timeZone: "Asia/Shanghai")` },
    { name: `UTC month ${month(1)}`, args: `(month: "${month(1)}", timeZone: "UTC")` },
  ];
}

async function measure(url: string, email: string, period: string): Promise<{ p50: number; p95: number; rows: number }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, PORT: "0", LOG_LEVEL: "warn", SEED_DEMO_DATA: "false", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", NODE_ENV: "production", JWT_SECRET: "bench-secret-bench-secret-bench-secret" }, appModules().settings);
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
    const query = "{ networkReport" + period + " { rows { tenant { code } clients cases openCases casesPastResponseTarget overdueTasks } totals { cases clients meanQualityScore } } }";
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
  console.log("| caller | period | tenants in report | p50 | p95 |\n|---|---|---|---|---|");
  for (const email of [HQ_PRESIDENT, NATIONAL_PRESIDENT]) {
    for (const period of periods()) {
      const result = await measure(url, email, period.args);
      console.log(`| ${email} | ${period.name} | ${result.rows} | ${result.p50.toFixed(0)} | ${result.p95.toFixed(0)} |`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
