import { Client } from "pg";
import { RunningApp, appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDataSource } from "../src/db/data-source";
import { seedDemoData } from "../src/demo-data/seed-demo-data";
import { createLogger } from "../src/shared/logger";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { EmbeddedServer, databaseUrl, startEmbedded } from "./support/postgres-server";

/** Against a PostgreSQL of its own (embedded, own port), so stopping it disturbs no other test. */
let server: EmbeddedServer;
let app: RunningApp;

beforeAll(async () => {
  server = await startEmbedded();
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query("CREATE DATABASE restart_test");
  await admin.end();
  const url = databaseUrl(server.adminUrl, "restart_test");
  const dataSource = createDataSource({ url, entities: appModules().entities, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await seedDemoData(dataSource);
  await dataSource.destroy();
  const config = loadConfig({
    NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, SEED_DEMO_DATA: "false", LOG_LEVEL: "silent",
    DATABASE_POOL_SIZE: "3", DATABASE_POOL_TIMEOUT_MS: "10000", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", MAIL_DELIVERY_INTERVAL_SECONDS: "0",
  }, appModules().settings);
  app = await startApp(config, createLogger("silent"));
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await server?.stop();
}, 60_000);

async function graphql(query: string, token?: string): Promise<any> {
  try {
    const response = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return await response.json();
  } catch (error) {
    return { transportError: String(error) };
  }
}

describe("a PostgreSQL restart while serving", () => {
  it("requests in flight and while it is down fail with a coded error; the API recovers without a restart", async () => {
    const login = await graphql(`mutation { login(email: "president@cn-sh.demo", password: "${DEMO_PASSWORD}") { token } }`);
    const token = login.data.login.token;
    expect((await graphql("{ clients { totalCount } }", token)).data.clients.totalCount).toBe(4);

    const inFlight = Array.from({ length: 20 }, () => graphql("{ clients { totalCount edges { node { id tenant { code } } } } }", token));
    await server.pause();
    for (const answer of await Promise.all(inFlight)) {
      if (!answer.data) expect(answer.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    }
    const during = await Promise.all(Array.from({ length: 5 }, () => graphql("{ clients { totalCount } }", token)));
    for (const answer of during) expect(answer.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect((await fetch(app.url.replace("/graphql", "/readyz"))).status).toBe(503);

    await server.resume();
    let recovered: any;
    for (let attempt = 0; attempt < 200; attempt++) {
      recovered = await graphql("{ clients { totalCount } }", token);
      if (recovered.data) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered.data.clients.totalCount).toBe(4);
    expect((await fetch(app.url.replace("/graphql", "/readyz"))).status).toBe(200);
  }, 120_000);

  it("no tenant setting carries over on a reconnected connection", async () => {
    const rows = await Promise.all(
      Array.from({ length: 3 }, () =>
        app.dataSource.query(
          "SELECT current_user AS role, current_setting('app.visible_tenant_ids', true) AS visible, current_setting('app.user_id', true) AS user_id",
        ),
      ),
    );
    for (const [row] of rows) {
      expect(row.role).toBe("postgres");
      expect(row.visible || "").toBe("");
      expect(row.user_id || "").toBe("");
    }
  });
});
