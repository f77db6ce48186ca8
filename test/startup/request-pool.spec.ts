import "reflect-metadata";
import { Client } from "pg";
import { appModules } from "../../src/app";
import { loadConfig } from "../../src/config";
import { DatabaseWithRequestPool, openDatabase } from "../../src/db/database";
import { EmbeddedServer, databaseUrl, startEmbedded } from "../support/postgres-server";
import { TestDatabase, createTestDatabase } from "../support/test-database";
import { capturedLogger, startupFailure } from "./support";

const modules = appModules();
const open = (env: Record<string, string>): Promise<DatabaseWithRequestPool> =>
  openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_POOL_TIMEOUT_MS: "3000", ...env }, modules.settings), capturedLogger().log, {
    entities: modules.entities,
    migrate: true,
    requestPool: true,
  });

const sessionRole = async (database: DatabaseWithRequestPool) => (await database.requestDataSource.query("SELECT session_user AS name"))[0].name;

describe("the request pool at start-up", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("a DATABASE_REQUEST_URL whose role bypasses row-level security (the owner's) is refused in one line", async () => {
    const message = await startupFailure(open({ DATABASE_URL: db.url, DATABASE_REQUEST_URL: db.url }));
    expect(message).toMatch(/^DATABASE_REQUEST_URL logs in as "[^"]+", which bypasses row-level security: use linkpass_request$/);
  });

  it("a DATABASE_REQUEST_URL naming linkpass_request is the request pool's login", async () => {
    const requestUrl = new URL(db.url);
    requestUrl.username = "linkpass_request";
    const database = await open({ DATABASE_URL: db.url, DATABASE_REQUEST_URL: requestUrl.toString() });
    try {
      expect(await sessionRole(database)).toBe("linkpass_request");
    } finally {
      await database.close();
    }
  });
});

describe("the request pool on a server with password authentication", () => {
  let server: EmbeddedServer;
  let url: string;
  beforeAll(async () => {
    server = await startEmbedded();
    const admin = new Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE request_pool_test");
    await admin.end();
    url = databaseUrl(server.adminUrl, "request_pool_test");
  }, 120_000);
  afterAll(() => server?.stop(), 60_000);

  it("processes sharing JWT_SECRET log in as linkpass_request with the password it derives, set by whichever starts first", async () => {
    const env = { DATABASE_URL: url, JWT_SECRET: "a-secret-shared-by-the-processes-of-one-deployment" };
    const first = await open(env);
    const together = await Promise.all([open(env), open(env)]);
    try {
      expect(await Promise.all([first, ...together].map(sessionRole))).toEqual(["linkpass_request", "linkpass_request", "linkpass_request"]);
    } finally {
      await Promise.all([first, ...together].map((database) => database.close()));
    }
  }, 60_000);

  it("a DATABASE_REQUEST_URL with a wrong password is one line that says what to set", async () => {
    const wrong = new URL(url);
    wrong.username = "linkpass_request";
    wrong.password = "not-the-password";
    const message = await startupFailure(open({ DATABASE_URL: url, DATABASE_REQUEST_URL: wrong.toString() }));
    expect(message).toMatch(/^the request pool cannot log in as linkpass_request \(.*\): set DATABASE_REQUEST_URL/);
  });
});
