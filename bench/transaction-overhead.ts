import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { appModules } from "../src/app";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { requestTransactions } from "../src/db/request-transaction";
import { seedDemoData } from "../src/demo-data/seed-demo-data";
import { createLogger } from "../src/shared/logger";

/**
 * What the per-request transaction costs: the same 50-row client list, run bare on a pooled
 * connection, and inside a request transaction (BEGIN, app.enter_request + role switch, COMMIT).
 * Usage: npm run bench:transaction [-- iterations]
 */
const ITERATIONS = Number(process.argv[2] ?? 2000);
const LIST = "SELECT * FROM clients WHERE tenant_id = ANY($1) ORDER BY created_at, id LIMIT 50";

async function main(): Promise<void> {
  const modules = appModules();
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }, modules.settings);
  const database = await openDatabase(config, createLogger(config.logLevel), { entities: modules.entities, migrate: true });
  const { dataSource } = database;
  const transactions = requestTransactions(dataSource, { statementTimeoutMs: 10_000 });
  await seedDemoData(dataSource);
  const [{ id: userId }] = await dataSource.query("SELECT id FROM users WHERE email = 'president@hq.demo'");
  const tenantIds: string[] = (await dataSource.query("SELECT id FROM tenants")).map((r: { id: string }) => r.id);

  const bare = async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(LIST, [tenantIds]);
    } finally {
      await runner.release();
    }
  };
  const inRequestTransaction = async () => {
    const { transaction, acting } = await transactions.openAsMember({ userId, sessionVersion: 1, requestId: "bench" });
    await transaction.manager.query(LIST, [acting!.visibleTenantIds]);
    await transaction.finish("commit");
  };

  const results = [];
  for (const [name, run] of [["bare query", bare], ["request transaction", inRequestTransaction]] as const) {
    for (let i = 0; i < 200; i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      await run();
      samples.push((performance.now() - started) * 1000);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    results.push({ name, p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length });
  }
  await database.close();

  const [bareResult, txResult] = results;
  console.log(`\nPer-request transaction overhead (${ITERATIONS} sequential iterations, µs)`);
  console.log("| arm | p50 | p95 | mean |\n|---|---|---|---|");
  for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.mean.toFixed(0)} |`);
  console.log(`overhead per request: p50 +${(txResult.p50 - bareResult.p50).toFixed(0)} µs, mean +${(txResult.mean - bareResult.mean).toFixed(0)} µs`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
