import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { recordEvent } from "../src/modules/events/event-outbox";
import { createLogger } from "../src/shared/logger";
import { recreateDatabase } from "./dataset";
import { graphqlClient } from "./graphql-client";

/**
 * Outbox throughput without loss: N events committed concurrently (each in its own transaction)
 * while two API processes, each running its own event worker, share the delivery. Every event is
 * a `case.step_changed` of a Shanghai case: its consultant and the centre's staff are told
 * in-app (each candidate re-read under RLS, as always) and the centre's webhook, on a loopback
 * receiver, gets one POST. The run ends when the receiver holds every event; it then checks that
 * every event was dispatched, posted exactly once, and each delivery marked DELIVERED on its first
 * attempt. Prints the commit rate, the dispatch rate (fan-out to notifications and queued
 * deliveries) and the delivered rate (first commit → last POST).
 * Usage: npm run bench:outbox [-- events [concurrency]]
 */
const EVENTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const WORKERS = 2;
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Everything but the event worker stays off, in the bench's process and in the workers'. */
const QUIET_JOBS = {
  APPROVAL_ESCALATION_INTERVAL_SECONDS: "0",
  COMPLAINT_ESCALATION_INTERVAL_SECONDS: "0",
  MAIL_DELIVERY_INTERVAL_SECONDS: "0",
  OVERDUE_WORK_INTERVAL_SECONDS: "0",
};

function configFor(url: string, env: Record<string, string>) {
  return loadConfig(
    { NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "silent", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", ...QUIET_JOBS, ...env },
    appModules().settings,
  );
}

/** A worker process: an API process like any other, its event worker on; stops when told. */
async function runWorker(url: string): Promise<void> {
  const app = await startApp(configFor(url, { EVENT_WORKER_CONCURRENCY: "2" }), createLogger("silent"));
  process.on("message", async (message) => {
    if (message !== "stop") return;
    await app.stop();
    process.exit(0);
  });
  process.send?.("ready");
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = fork(__filename, ["--worker", url], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => (message === "ready" ? resolve(child) : reject(new Error(String(message)))));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send("stop");
  });
}

async function main(): Promise<void> {
  const url = await recreateDatabase(adminUrl, "bench_outbox_throughput");
  // This process seeds, registers the webhook and commits the events; it delivers nothing.
  const app = await startApp(configFor(url, { SEED_DEMO_DATA: "true", EVENT_WORKER_CONCURRENCY: "0" }), createLogger("silent"));
  const gql = graphqlClient(app.url);
  const president = (await gql(null, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: "president@cn-sh.demo", p: DEMO_PASSWORD }))
    .login.token as string;

  const posts = new Map<string, number>();
  let lastPostAt = 0;
  let allPosted: () => void = () => undefined;
  const everyEventPosted = new Promise<void>((resolve) => (allPosted = resolve));
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const eventId = JSON.parse(body).id as string;
      posts.set(eventId, (posts.get(eventId) ?? 0) + 1);
      lastPostAt = performance.now();
      response.end();
      if (posts.size === EVENTS) allPosted();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  await gql(president, `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["case.step_changed"] }) { secret } }`, {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
  });
  const cases: { id: string; tenant_id: string }[] = await app.dataSource.query(
    "SELECT c.id, c.tenant_id FROM service_cases c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'CN-SH' ORDER BY c.id",
  );

  const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(url)));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < EVENTS; index = next++) {
        const subject = cases[index % cases.length];
        await app.dataSource.transaction((db) =>
          recordEvent(db, {
            type: "case.step_changed",
            tenantId: subject.tenant_id,
            subjectType: "ServiceCase",
            subjectId: subject.id,
            actorId: null,
            data: { from: "INTAKE", to: "PROFILED" },
          }),
        );
      }
    }),
  );
  const committed = performance.now();
  await everyEventPosted;
  const delivered = lastPostAt;
  // A worker records a delivery's outcome after its POST is answered: wait for the last ones.
  while ((await app.dataSource.query("SELECT 1 FROM webhook_deliveries WHERE status = 'PENDING' LIMIT 1")).length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const [outcome] = await app.dataSource.query(`
    SELECT (SELECT count(*)::int FROM events WHERE dispatched_at IS NULL) AS undispatched,
           (SELECT extract(epoch FROM max(dispatched_at) - min(occurred_at))::float FROM events) AS dispatch_seconds,
           (SELECT count(*)::int FROM notifications) AS notifications,
           (SELECT count(*)::int FROM webhook_deliveries) AS deliveries,
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'DELIVERED' AND attempts = 1) AS delivered_first_time`);
  const postedTwice = [...posts.values()].filter((count) => count > 1).length;
  const seconds = (ms: number) => ms / 1000;
  console.log(`${EVENTS} events, ${CONCURRENCY} committing at once, ${WORKERS} worker processes (concurrency 2 each)`);
  console.log(`commit: ${(EVENTS / seconds(committed - started)).toFixed(0)} events/s (${seconds(committed - started).toFixed(2)} s)`);
  console.log(`delivered (first commit → last webhook POST): ${(EVENTS / seconds(delivered - started)).toFixed(0)} events/s (${seconds(delivered - started).toFixed(2)} s)`);
  // On the database's clock: the fan-out to notifications and queued deliveries alone, before the POSTs.
  console.log(`dispatched (first commit → last event fanned out): ${(EVENTS / outcome.dispatch_seconds).toFixed(0)} events/s (${outcome.dispatch_seconds.toFixed(2)} s)`);
  console.log(
    `posted ${posts.size}/${EVENTS}, posted twice ${postedTwice}; undispatched ${outcome.undispatched}; deliveries ${outcome.deliveries}, ` +
      `delivered on the first attempt ${outcome.delivered_first_time}; notifications ${outcome.notifications}`,
  );
  const lossless = posts.size === EVENTS && postedTwice === 0 && outcome.undispatched === 0 && outcome.deliveries === EVENTS && outcome.delivered_first_time === EVENTS;
  console.log(lossless ? "every event delivered exactly once" : "LOSS OR DUPLICATE: see the counts above");

  await Promise.all(workers.map(stopWorker));
  receiver.close();
  await app.stop();
  if (!lossless) process.exit(1);
}

if (process.argv[2] === "--worker") {
  runWorker(process.argv[3]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
