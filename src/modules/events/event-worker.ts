import { Client } from "pg";
import { Logger as WorkerLogger, Runner, run, runMigrations } from "graphile-worker";
import type { EventDeliveryDeps } from "./event-dispatch";
import { dispatchPendingEvents } from "./event-dispatch";
import { mailPendingNotifications } from "./event-emails";
import { deliverDueWebhooks } from "./webhook-delivery";
import { listenOn } from "./pg-listener";

const DELIVER_TASK = "events:deliver";

/**
 * One round of event delivery: fan out what committed, attempt the webhooks now due, queue the
 * e-mails. Tests call it directly; the worker runs it as its one task.
 */
export async function deliverEventsOnce(deps: EventDeliveryDeps, now?: Date): Promise<void> {
  await dispatchPendingEvents(deps);
  await mailPendingNotifications(deps);
  await deliverDueWebhooks(deps, now);
}

/**
 * graphile-worker installs its schema itself, but servers starting together on a new database
 * would race to create it: they take turns under an advisory lock, and the later ones find it done.
 */
async function installQueueSchema(connectionString: string): Promise<void> {
  const lock = new Client({ connectionString, application_name: "link-pass-events" });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('linkpass graphile-worker schema'))");
    await runMigrations({ connectionString, logger: new WorkerLogger(() => () => undefined) });
  } finally {
    await lock.end();
  }
}

/**
 * graphile-worker keeps the queue in our PostgreSQL: each commit that records an event wakes the
 * processes (LISTEN linkpass_events) and one of them runs a round (the job key folds a burst of
 * wake-ups into one job); a crontab line runs a round every minute for retries coming due and
 * for any wake-up missed while no process listened. A failing round is retried by
 * graphile-worker with its backoff.
 */
export async function startEventWorker(deps: EventDeliveryDeps & { concurrency: number }): Promise<{ stop(): Promise<void> }> {
  const connectionString = (deps.owner.options as { url?: string }).url as string;
  await installQueueSchema(connectionString);
  const runner: Runner = await run({
    connectionString,
    concurrency: deps.concurrency,
    maxPoolSize: deps.concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: new WorkerLogger((scope) => (level, message, meta) => {
      if (level === "error" || level === "warning") deps.log.warn({ scope, ...meta }, message);
    }),
    taskList: { [DELIVER_TASK]: async () => deliverEventsOnce(deps) },
    crontab: `* * * * * ${DELIVER_TASK} ?jobKey=${DELIVER_TASK}&jobKeyMode=replace`,
  });
  const wake = () =>
    runner.addJob(DELIVER_TASK, {}, { jobKey: DELIVER_TASK, jobKeyMode: "replace" }).catch((error) => deps.log.warn({ err: error }, "event delivery not queued"));
  const listener = await listenOn(connectionString, "linkpass_events", () => void wake(), deps.log);
  await wake();
  return {
    async stop() {
      await listener.close();
      await runner.stop();
    },
  };
}
