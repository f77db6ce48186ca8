import { createHmac } from "node:crypto";
import { IncomingHttpHeaders, Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { appModules } from "../../src/app";
import { loadConfig } from "../../src/config";
import { requestTransactions } from "../../src/db/request-transaction";
import { EventDeliveryDeps } from "../../src/modules/events/event-dispatch";
import { notifyTransport } from "../../src/modules/events/live-transport";
import { createLogger } from "../../src/shared/logger";
import type { TestApp } from "../support/test-app";

export const EVENTS_ENV = { EVENT_WORKER_CONCURRENCY: "0", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" };

/**
 * What the delivery round runs on, for a test to drive it itself (the app's own worker is off);
 * it announces live notifications as an app without REDIS_URL does.
 */
export function deliveryDeps(t: TestApp, env: Record<string, string> = {}): EventDeliveryDeps {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: t.database.url, ...EVENTS_ENV, ...env }, appModules().settings);
  const log = createLogger("silent");
  return {
    owner: t.app.dataSource,
    transactions: requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 5000 }),
    settings: config.settings,
    jwtSecret: config.jwtSecret,
    log,
    live: notifyTransport(t.app.dataSource, log),
  };
}

/** Who holds a notification of each event, as `type email` lines, sorted. */
export async function notified(t: TestApp, since: Date): Promise<string[]> {
  const rows: { type: string; email: string }[] = await t.app.dataSource.query(
    `SELECT n.type, u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.created_at >= $1 ORDER BY 1, 2`,
    [since],
  );
  return rows.map((row) => `${row.type} ${row.email}`);
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real webhook receiver on loopback that answers each POST with the next status of `statuses` (then 200). */
export function useWebhookReceiver() {
  let server: Server;
  const receiver = {
    url: "",
    received: [] as ReceivedHook[],
    statuses: [] as number[],
  };
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        receiver.received.push({ headers: request.headers, body });
        response.statusCode = receiver.statuses.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return receiver;
}

/** How a partner verifies a delivery (README): HMAC-SHA256 of "<t>.<raw body>" under the secret. */
export function signatureIsValid(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex");
  return parts.v1 === expected;
}
