/**
 * What every arm reads from the environment the bench gives it: the database, the pool size and
 * the token secret; plus how an arm tells the bench it listens.
 */
export function armEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    SEED_DEMO_DATA: "false",
    // The arms serve requests and nothing else: no background job competes with them for the pool
    // or the database (on the bench data the overdue-work job alone raises an event per open task).
    APPROVAL_ESCALATION_INTERVAL_SECONDS: "0",
    OVERDUE_WORK_INTERVAL_SECONDS: "0",
    COMPLAINT_ESCALATION_INTERVAL_SECONDS: "0",
    MAIL_DELIVERY_INTERVAL_SECONDS: "0",
    EVENT_WORKER_CONCURRENCY: "0",
    // The limiter still runs on every request; the buckets are only made big enough for a load test.
    RATE_LIMIT_USER_PER_MINUTE: "100000000",
    RATE_LIMIT_TENANT_PER_MINUTE: "100000000",
  };
}

export function reportReady(port: number): void {
  process.send?.({ ready: port });
}
