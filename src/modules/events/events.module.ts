import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { Notification, Webhook, WebhookDelivery } from "./event.entities";
import { NotificationResolver, WebhookResolver } from "./event.resolver";
import { eventRules } from "./event.rules";
import { startEventWorker } from "./event-worker";
import { EVENTS_SETTINGS } from "./events-settings";
import { LiveFeed } from "./live-feed";
import { serveSubscriptions } from "./live-subscriptions";
import { openLiveTransport } from "./live-transport";
import { openPgListener } from "./pg-listener";

/**
 * Domain events (DESIGN §8.3): the outbox other modules write with `recordEvent`, delivered by a
 * graphile-worker runner to in-app notifications, e-mail and signed webhooks, and live to
 * graphql-ws subscribers (through Redis pub/sub when REDIS_URL is set, else LISTEN/NOTIFY).
 */
export const eventsModule: ModuleDescriptor = {
  name: "events",
  entities: [Notification, Webhook, WebhookDelivery],
  resolvers: [NotificationResolver, WebhookResolver],
  rules: eventRules,
  settings: EVENTS_SETTINGS,
  services: [
    {
      name: "event-worker",
      async start({ dataSource, transactions, settings, jwtSecret, redisUrl, log }) {
        if (settings.eventWorkerConcurrency === 0) return { stop: async () => undefined };
        const live = await openLiveTransport({ redisUrl, dataSource, log });
        const worker = await startEventWorker({ owner: dataSource, transactions, settings, jwtSecret, log, live, concurrency: settings.eventWorkerConcurrency });
        return {
          async stop() {
            await worker.stop();
            await live.close();
          },
        };
      },
    },
    {
      name: "subscriptions",
      async start({ dataSource, server, schema, contextDependencies, redisUrl, log }) {
        // One LISTEN connection for the revocations and, without Redis, the notifications.
        const listener = await openPgListener((dataSource.options as { url?: string }).url as string, log);
        let feed: LiveFeed | undefined;
        try {
          feed = await LiveFeed.listen(await openLiveTransport({ redisUrl, dataSource, listener, log }));
          const subscriptions = await serveSubscriptions({ server, schema, contextDependencies, feed, listener, log });
          const live = feed;
          return {
            async stop() {
              await subscriptions.stop();
              await live.close();
              await listener.close();
            },
          };
        } catch (error) {
          await feed?.close();
          await listener.close();
          throw error;
        }
      },
    },
  ],
};
