import type { LiveNotification, LiveTransport } from "./live-transport";

/**
 * Each process's subscribers, told of every notification committed by any process's dispatch
 * (through the live transport: Redis pub/sub or LISTEN/NOTIFY). A subscriber is keyed by its
 * user and acting tenant; what it then sends is re-read under RLS (live-subscriptions.ts).
 */
export class LiveFeed {
  private readonly listeners = new Map<string, Set<(notification: LiveNotification) => void>>();

  private constructor(private readonly transport: LiveTransport) {}

  static async listen(transport: LiveTransport): Promise<LiveFeed> {
    const feed = new LiveFeed(transport);
    try {
      await transport.subscribe((notification) => feed.announce(notification));
    } catch (error) {
      await transport.close();
      throw error;
    }
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
    await this.transport.close();
  }
}
