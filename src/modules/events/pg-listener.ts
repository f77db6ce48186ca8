import { Client } from "pg";
import type { Logger } from "../../shared/logger";

/** Seconds between attempts to listen again after the connection was lost (a database restart). */
const RECONNECT_SECONDS = 2;

/**
 * LISTENs on `channel` on a connection of its own, and listens again after losing it, until
 * closed. Resolves once the first LISTEN is in place.
 */
export async function listenOn(
  connectionString: string,
  channel: string,
  onMessage: (payload: string) => void,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new Client({ connectionString, application_name: `link-pass ${channel}` });
    next.on("notification", (message) => onMessage(message.payload ?? ""));
    next.on("error", (error) => {
      log.warn({ err: error, channel }, "lost the LISTEN connection; listening again shortly");
      void next.end().catch(() => undefined);
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
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
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
