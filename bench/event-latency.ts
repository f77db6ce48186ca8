import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { createLogger } from "../src/shared/logger";
import { recreateDatabase } from "./dataset";
import { graphqlClient } from "./graphql-client";

/**
 * Delivery latency of events: from the commit of a mutation that raises a risk warning (its
 * HTTP response, sent after the commit) to the webhook POST reaching a receiver on loopback, and
 * to the subscription message reaching a graphql-ws client. The server's own worker delivers
 * (EVENT_WORKER_CONCURRENCY default), woken by LISTEN/NOTIFY; the subscription's notification
 * crosses through Redis when REDIS_URL is set, else LISTEN/NOTIFY.
 * Usage: [REDIS_URL=redis://…] npm run bench:events [-- iterations]
 */
const ITERATIONS = Number(process.argv[2] ?? 100);
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function main(): Promise<void> {
  const url = await recreateDatabase(adminUrl, "bench_event_latency");
  const config = loadConfig(
    { NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, SEED_DEMO_DATA: "true", LOG_LEVEL: "silent", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) },
    appModules().settings,
  );
  const app = await startApp(config, createLogger("silent"));
  const gql = graphqlClient(app.url);
  const login = async (email: string) =>
    (await gql(null, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD })).login.token as string;
  const staff = await login("staff@cn-sh.demo");
  const president = await login("president@cn-sh.demo");

  const arrivals = { webhook: new Map<string, number>(), subscription: new Map<string, number>() };
  const waiters = new Map<string, () => void>();
  const arrived = (channel: "webhook" | "subscription", indicatorId: string) => {
    arrivals[channel].set(indicatorId, performance.now());
    waiters.get(indicatorId)?.();
  };
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      arrived("webhook", JSON.parse(body).data.indicatorId);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  await gql(president, `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { secret } }`, {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
  });
  const ws = createClient({ url: app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${president}` } });
  ws.subscribe(
    { query: `subscription { notificationAdded { subjectId } }` },
    {
      next: async ({ data }) => {
        const warningId = (data as any).notificationAdded.subjectId;
        const [row] = await app.dataSource.query("SELECT indicator_id FROM risk_warnings WHERE id = $1", [warningId]);
        arrived("subscription", row.indicator_id);
      },
      error: (error) => console.error(error),
      complete: () => undefined,
    },
  );
  const [owner] = await app.dataSource.query("SELECT id FROM users WHERE email = 'consultant@cn-sh.demo'");
  const committed = new Map<string, number>();
  for (let i = 0; i < ITERATIONS + 5; i++) {
    const { createRisk } = await gql(
      staff,
      `mutation($o: ID!) { createRisk(input: { title: "Bench", category: MARKET, likelihood: 2, impact: 2, response: ACCEPT, ownerId: $o }) { id } }`,
      { o: owner.id },
    );
    const { addRiskIndicator } = await gql(staff, `mutation($r: ID!) { addRiskIndicator(riskId: $r, input: { name: "x", warningThreshold: 1, direction: ABOVE }) { id } }`, {
      r: createRisk.id,
    });
    const id = addRiskIndicator.id as string;
    const both = new Promise<void>((resolve) =>
      waiters.set(id, () => {
        if (arrivals.webhook.has(id) && arrivals.subscription.has(id)) resolve();
      }),
    );
    await gql(staff, `mutation($id: ID!) { recordRiskIndicatorValue(indicatorId: $id, value: 5) { id } }`, { id });
    committed.set(id, performance.now());
    await both;
  }
  // The first rounds warm the server and let the subscription register.
  const ids = [...committed.keys()].slice(5);
  const latencies = (channel: "webhook" | "subscription") => ids.map((id) => (arrivals[channel].get(id) as number) - (committed.get(id) as number)).sort((a, b) => a - b);
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  for (const channel of ["webhook", "subscription"] as const) {
    const sorted = latencies(channel);
    console.log(`commit → ${channel}: p50 ${at(sorted, 0.5)} ms, p95 ${at(sorted, 0.95)} ms (${sorted.length} events)`);
  }
  await ws.dispose();
  receiver.close();
  await app.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
