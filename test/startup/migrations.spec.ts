import "reflect-metadata";
import { RunningApp, appModules, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { MIGRATIONS } from "../../src/db/data-source";
import { EmptyDatabase, capturedLogger, createEmptyDatabase, query, startupFailure } from "./support";

const serverEnv = (url: string, env: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    SEED_DEMO_DATA: "false",
    APPROVAL_ESCALATION_INTERVAL_SECONDS: "0",
    ...env,
  }, appModules().settings);

describe("migrations at start-up", () => {
  let database: EmptyDatabase;
  beforeEach(async () => {
    database = await createEmptyDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it("three servers starting together on an empty database migrate it exactly once and all become ready", async () => {
    const servers = [capturedLogger(), capturedLogger(), capturedLogger()];
    let apps: RunningApp[] = [];
    try {
      apps = await Promise.all(servers.map(({ log }) => startApp(serverEnv(database.url, { MIGRATE_ON_START: "true" }), log)));
      for (const app of apps) expect((await fetch(app.url.replace("/graphql", "/readyz"))).status).toBe(200);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }

    const recorded = await query<{ name: string; times: number }>(
      database.url,
      "SELECT name, count(*)::int AS times FROM migrations GROUP BY name ORDER BY name",
    );
    const names = MIGRATIONS.map((migration) => migration.name);
    expect(recorded).toEqual([...names].sort().map((name) => ({ name, times: 1 })));
    const migrators = servers.filter((server) => server.said("migrated").length > 0);
    expect(migrators).toHaveLength(1);
    expect(migrators[0].said("migrated")[0].migrations).toEqual(names);
  }, 120_000); // every migration from empty while two more servers start: more than the default limit on a loaded machine

  it("with MIGRATE_ON_START=false a server refuses pending migrations in one line that says to run npm run migrate, and changes nothing", async () => {
    const { log } = capturedLogger();
    const message = await startupFailure(startApp(serverEnv(database.url, { MIGRATE_ON_START: "false" }), log));
    expect(message).toMatch(new RegExp(`${MIGRATIONS.length} pending migrations .*MIGRATE_ON_START is false: run \`npm run migrate\``));
    expect(await query(database.url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });
});

describe("MIGRATE_ON_START", () => {
  it("defaults to true on the embedded database and to false with DATABASE_URL, where migrating is a separate step", () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://db/linkpass" }).migrateOnStart).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://db/linkpass", MIGRATE_ON_START: "true" }).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: "false" }).migrateOnStart).toBe(false);
  });
});
