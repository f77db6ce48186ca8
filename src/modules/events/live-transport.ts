import Redis from "ioredis";
import type { DataSource } from "typeorm";
import type { Logger } from "../../shared/logger";
import { PgListener, openPgListener, parsedPayload } from "./pg-listener";

/** A committed notification as announced to the live subscriptions: ids only. */
export interface LiveNotification {
  notificationId: string;
  userId: string;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string;
}

/**
 * How committed notifications reach the live subscribers of every API process: through Redis
 * pub/sub when `REDIS_URL` is set, else PostgreSQL's LISTEN/NOTIFY. Either way the dispatch
 * publishes only after its transaction committed, so a rolled-back dispatch announces nothing.
 */
export interface LiveTransport {
  /** Announces notifications whose transaction has committed, to every process subscribed. */
  publish(notifications: readonly LiveNotification[]): Promise<void>;
  /** Hands every notification any process publishes to `receive`; resolves once receiving. */
  subscribe(receive: (notification: LiveNotification) => void): Promise<void>;
  close(): Promise<void>;
}

/** The PostgreSQL channel the notifications are NOTIFYed on without Redis (a channel is per database already). */
export const LIVE_CHANNEL = "linkpass_notifications";

/** The Redis channel of one database's notifications: two databases served from one Redis never mix. */
export function redisLiveChannel(databaseName: string): string {
  return `linkpass:notifications:${databaseName}`;
}

/**
 * The transport the configuration asks for: Redis when `redisUrl` is set, else LISTEN/NOTIFY on
 * `dataSource`'s database, on `listener` when given (a connection the process listens on already).
 */
export async function openLiveTransport(deps: { redisUrl?: string; dataSource: DataSource; listener?: PgListener; log: Logger }): Promise<LiveTransport> {
  if (!deps.redisUrl) return notifyTransport(deps.dataSource, deps.log, deps.listener);
  const [{ name }] = await deps.dataSource.query("SELECT current_database() AS name");
  return redisTransport({ url: deps.redisUrl, channel: redisLiveChannel(name), log: deps.log });
}

/** NOTIFY after commit on the owner's pool; LISTEN on `shared`, else on a connection of its own (pg-listener.ts). */
export function notifyTransport(dataSource: DataSource, log: Logger, shared?: PgListener): LiveTransport {
  let own: PgListener | undefined;
  return {
    async publish(notifications) {
      if (notifications.length === 0) return;
      await dataSource.query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload", [
        LIVE_CHANNEL,
        notifications.map((notification) => JSON.stringify(notification)),
      ]);
    },
    async subscribe(receive) {
      const listener = shared ?? (own = await openPgListener((dataSource.options as { url?: string }).url as string, log));
      await listener.listen(LIVE_CHANNEL, (payload) => receiveJson(payload, receive, log));
    },
    async close() {
      await own?.close();
    },
  };
}

/**
 * PUBLISH on one connection, SUBSCRIBE on another (a subscribed connection can send nothing
 * else); both made when first needed. ioredis reconnects and subscribes again by itself.
 */
function redisTransport({ url, channel, log }: { url: string; channel: string; log: Logger }): LiveTransport {
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  const connect = (role: string) => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, connectionName: `link-pass live ${role}` });
    redis.on("error", (error) => log.warn({ err: error, channel }, `live ${role} lost Redis; reconnecting`));
    return redis;
  };
  return {
    async publish(notifications) {
      if (notifications.length === 0) return;
      publisher ??= connect("publisher");
      const pipeline = publisher.pipeline();
      for (const notification of notifications) pipeline.publish(channel, JSON.stringify(notification));
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    },
    async subscribe(receive) {
      const redis = (subscriber ??= connect("subscriber"));
      redis.on("message", (from: string, payload: string) => {
        if (from === channel) receiveJson(payload, receive, log);
      });
      // A Redis down at start does not hold the process up: the SUBSCRIBE waits in ioredis's
      // offline queue and is sent once it connects; live notifications meanwhile are missed.
      const subscribed = redis.subscribe(channel);
      subscribed.catch((error) => log.warn({ err: error, channel }, "live notifications not subscribed"));
      await Promise.race([subscribed, new Promise((resolve) => redis.once("error", resolve))]);
    },
    async close() {
      await Promise.all([publisher, subscriber].map((redis) => redis?.quit().catch(() => redis.disconnect())));
    },
  };
}

function receiveJson(payload: string, receive: (notification: LiveNotification) => void, log: Logger): void {
  const notification = parsedPayload<LiveNotification>(payload, "live notification", log);
  if (notification) receive(notification);
}
