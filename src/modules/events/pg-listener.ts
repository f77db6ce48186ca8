import { Client } from "pg";
import type { Logger } from "../../shared/logger";

/** Seconds between attempts to listen again after the connection was lost (a database restart). */
const RECONNECT_SECONDS = 2;

/** One connection LISTENing on any number of channels, so a process spends one connection on them, not one each. */
export interface PgListener {
  /** LISTENs on `channel` too; resolves once the LISTEN is in place (or, while reconnecting, will be). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * A connection of its own that listens again on every channel after losing it, until closed; its
 * application_name names the channels, for pg_stat_activity. Resolves once connected.
 */
export async function openPgListener(connectionString: string, log: Logger): Promise<PgListener> {
  const handlers = new Map<string, (payload: string) => void>();
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const applicationName = () => `link-pass LISTEN ${[...handlers.keys()].sort().join(",")}`.slice(0, 63);
  const connect = async () => {
    const next = new Client({ connectionString, application_name: applicationName() });
    next.on("notification", (message) => handlers.get(message.channel)?.(message.payload ?? ""));
    next.on("error", (error) => {
      log.warn({ err: error, channels: [...handlers.keys()] }, "lost the LISTEN connection; listening again shortly");
      if (client === next) client = undefined;
      void next.end().catch(() => undefined);
      schedule();
    });
    await next.connect();
    // Taken before the LISTENs, so a channel added meanwhile is listened on by listen() itself.
    client = next;
    for (const channel of [...handlers.keys()]) await next.query(`LISTEN ${channel}`);
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(schedule);
    }, RECONNECT_SECONDS * 1000);
    retry.unref();
  };

  await connect();
  return {
    async listen(channel, onMessage) {
      handlers.set(channel, onMessage);
      // Without a connection now, the next one LISTENs on every channel.
      await client?.query(`LISTEN ${channel}`);
      await client?.query("SELECT set_config('application_name', $1, false)", [applicationName()]);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

/** LISTENs on one channel on a connection of its own (openPgListener). */
export async function listenOn(connectionString: string, channel: string, onMessage: (payload: string) => void, log: Logger): Promise<{ close(): Promise<void> }> {
  const listener = await openPgListener(connectionString, log);
  await listener.listen(channel, onMessage);
  return listener;
}

/** A NOTIFY (or pub/sub) payload as the JSON it should be; undefined, logged, when it is not. */
export function parsedPayload<T>(payload: string, what: string, log: Logger): T | undefined {
  try {
    return JSON.parse(payload) as T;
  } catch (error) {
    log.warn({ err: error }, `${what} not understood`);
    return undefined;
  }
}
