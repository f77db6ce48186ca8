import type { Logger } from "../../shared/logger";
import { LIVE_CHANNEL } from "./event-dispatch";
import { listenOn } from "./pg-listener";

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
 * Each process's subscribers, told of every notification committed by any process's dispatch
 * (LISTEN on the channel the dispatch NOTIFYs in its transaction). A subscriber is keyed by its
 * user and acting tenant; what it then sends is re-read under RLS (live-subscriptions.ts).
 */
export class LiveFeed {
  private readonly listeners = new Map<string, Set<(notification: LiveNotification) => void>>();

  private listening?: { close(): Promise<void> };

  static async listen(connectionString: string, log: Logger): Promise<LiveFeed> {
    const feed = new LiveFeed();
    feed.listening = await listenOn(
      connectionString,
      LIVE_CHANNEL,
      (payload) => {
        try {
          feed.announce(JSON.parse(payload) as LiveNotification);
        } catch (error) {
          log.warn({ err: error }, "live notification not understood");
        }
      },
      log,
    );
    return feed;
  }

  private announce(notification: LiveNotification): void {
    for (const listener of this.listeners.get(`${notification.userId}:${notification.tenantId}`) ?? []) listener(notification);
  }

  /** The notifications of one member, as an async iterator that ends when `signal` aborts. */
  async *of(member: { userId: string; tenantId: string }, signal: AbortSignal): AsyncGenerator<LiveNotification> {
    const key = `${member.userId}:${member.tenantId}`;
    const queue: LiveNotification[] = [];
    let wake: (() => void) | undefined;
    const listener = (notification: LiveNotification) => {
      queue.push(notification);
      wake?.();
    };
    const listeners = this.listeners.get(key) ?? new Set();
    listeners.add(listener);
    this.listeners.set(key, listeners);
    const aborted = () => wake?.();
    signal.addEventListener("abort", aborted);
    try {
      while (!signal.aborted) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(key);
      signal.removeEventListener("abort", aborted);
    }
  }

  async close(): Promise<void> {
    await this.listening?.close();
  }
}
