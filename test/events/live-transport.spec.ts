import { createClient } from "graphql-ws";
import Redis from "ioredis";
import WebSocket from "ws";
import { RunningApp, appModules, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { LiveTransport, openLiveTransport, redisLiveChannel } from "../../src/modules/events/live-transport";
import { createLogger } from "../../src/shared/logger";
import { addMember } from "../support/owner-rows";
import { StartedTestApp, startTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps } from "./support";

// Set by test/support/global-setup.ts when a Redis answers; without one these tests are skipped (it says so).
const redisUrl = process.env.LINK_PASS_TEST_REDIS_URL;

(redisUrl ? describe : describe.skip)("live fan-out through Redis pub/sub (REDIS_URL set)", () => {
  const log = createLogger("silent");
  let first: StartedTestApp;
  let second: RunningApp;
  let firstTransport: LiveTransport;
  let tap: Redis;
  /** Every message any database's live channel carried while the test ran, as `channel payload`. */
  const tapped: { channel: string; payload: string }[] = [];

  beforeAll(async () => {
    const env = { ...EVENTS_ENV, REDIS_URL: redisUrl! };
    first = await startTestApp(env);
    second = await startApp(
      loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: first.database.url, SEED_DEMO_DATA: "false", LOG_LEVEL: "silent", ...env }, appModules().settings),
      log,
    );
    // What the first process's own event worker announces through (its EVENT_WORKER_CONCURRENCY is 0, so the test drives the rounds).
    firstTransport = await openLiveTransport({ redisUrl, dataSource: first.app.dataSource, log });
    tap = new Redis(redisUrl!);
    tap.on("pmessage", (_pattern: string, channel: string, payload: string) => tapped.push({ channel, payload }));
    await tap.psubscribe("linkpass:notifications:*");
  });
  afterAll(async () => {
    await tap?.quit();
    await firstTransport?.close();
    await second?.stop();
    await first?.stop();
  });

  test("a subscriber on one API process receives, exactly once, a notification committed and dispatched on another", async () => {
    await addMember(first.database.owner, "watches-live@cn-sh.test", "CN-SH", "PRESIDENT");
    const token = await first.login("watches-live@cn-sh.test");
    const client = createClient({ url: second.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const received: { id: string; subjectId: string }[] = [];
    let arrived: (() => void) | undefined;
    client.subscribe(
      { query: `subscription { notificationAdded { id subjectId } }` },
      {
        next: (result) => {
          received.push(result.data!.notificationAdded as { id: string; subjectId: string });
          arrived?.();
        },
        error: (error) => received.push({ id: "error", subjectId: JSON.stringify(error) }),
        complete: () => undefined,
      },
    );
    const invited = new Set<string>();
    /** An invitation into CN-SH through the first process (member.invited tells its presidents), dispatched there. */
    const inviteAndDispatch = async (): Promise<string> => {
      const { inviteMember } = await first.as("president@cn-sh.demo").data(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, {
        input: { email: `live-${invited.size}@cn-sh.test`, displayName: "Invitee", role: "STAFF", department: "OPERATIONS" },
      });
      invited.add(inviteMember.id);
      await deliverEventsOnce({ ...deliveryDeps(first), live: firstTransport });
      return inviteMember.id;
    };

    let last = "";
    try {
      // The subscription registers asynchronously: the first rounds may precede it.
      for (let round = 0; received.length === 0; round++) {
        if (round === 50) throw new Error("nothing arrived in 50 rounds");
        await inviteAndDispatch();
        await new Promise((resolve) => setImmediate(resolve));
      }
      // One more, awaited to its arrival: one publisher's messages arrive in order, so any
      // duplicate of the earlier ones would have arrived before it.
      last = await inviteAndDispatch();
      while (!received.some((notification) => notification.subjectId === last)) await new Promise<void>((resolve) => (arrived = resolve));
    } finally {
      await client.dispose();
    }

    const ids = received.map((notification) => notification.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(received.filter((notification) => notification.subjectId === last)).toHaveLength(1);
    for (const notification of received) expect(invited.has(notification.subjectId)).toBe(true);
    // Through Redis, on this database's channel only; no process LISTENs for notifications in
    // PostgreSQL (a LISTEN connection's application_name names its channels).
    const ownChannel = redisLiveChannel(new URL(first.database.url).pathname.slice(1));
    const announced = tapped.filter((message) => invited.has(JSON.parse(message.payload).subjectId));
    expect(announced.length).toBeGreaterThanOrEqual(received.length);
    expect(new Set(announced.map((message) => message.channel))).toEqual(new Set([ownChannel]));
    const { rows } = await first.database.owner.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'link-pass LISTEN %linkpass_notifications%'");
    expect(rows[0].n).toBe(0);
  });
});
