import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { Notification, Webhook, WebhookDelivery } from "./event.entities";
import { NotificationResolver, WebhookResolver } from "./event.resolver";
import { eventRules } from "./event.rules";
import { startEventWorker } from "./event-worker";
import { EVENTS_SETTINGS } from "./events-settings";
import { LiveFeed } from "./live-feed";
import { serveSubscriptions } from "./live-subscriptions";

/**
 * Domain events (DESIGN §8.3): the outbox other modules write with `recordEvent`, delivered by a
 * graphile-worker runner to in-app notifications, e-mail and signed webhooks.
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
      async start({ dataSource, transactions, settings, jwtSecret, log }) {
        if (settings.eventWorkerConcurrency === 0) return { stop: async () => undefined };
        return startEventWorker({ owner: dataSource, transactions, settings, jwtSecret, log, concurrency: settings.eventWorkerConcurrency });
      },
    },
    {
      name: "subscriptions",
      async start({ dataSource, server, schema, contextDependencies, log }) {
        const feed = await LiveFeed.listen((dataSource.options as { url?: string }).url as string, log);
        const subscriptions = serveSubscriptions({ server, schema, contextDependencies, feed, log });
        return {
          async stop() {
            await subscriptions.stop();
            await feed.close();
          },
        };
      },
    },
  ],
};
