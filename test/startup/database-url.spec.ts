import "reflect-metadata";
import { appModules } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/db/database";
import { asAdmin, capturedLogger, closedPort, dropDatabase, query, startupFailure, uniqueName, urlOf } from "./support";

const modules = appModules();
const open = (url: string, log = capturedLogger().log) =>
  openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: url, DATABASE_POOL_TIMEOUT_MS: "3000" }, modules.settings), log, {
    entities: modules.entities,
    migrate: true,
  });

const refusal = (url: string) => startupFailure(open(url));

function withRole(url: string, role: string): string {
  const target = new URL(url);
  target.username = role;
  target.password = "";
  return target.toString();
}

describe("DATABASE_URL problems at start-up", () => {
  it("a database that does not exist is created (and migrated) when the role may, and the log says so", async () => {
    const name = uniqueName("link_pass_created");
    const { log, said } = capturedLogger();
    try {
      const database = await open(urlOf(name), log);
      await database.close();
      expect(said("created the database named by DATABASE_URL")).toEqual([expect.objectContaining({ database: name })]);
      expect(await asAdmin(async (admin) => (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount)).toBe(1);
    } finally {
      await dropDatabase(name);
    }
  });

  it("a missing database its role may not create is one line telling how to create it", async () => {
    const role = uniqueName("link_pass_nocreatedb");
    const name = uniqueName("link_pass_missing");
    await asAdmin((admin) => admin.query(`CREATE ROLE ${role} LOGIN NOCREATEDB NOSUPERUSER`));
    try {
      const message = await refusal(withRole(urlOf(name), role));
      expect(message).toContain(`database "${name}" does not exist`);
      expect(message).toContain(`createdb -O ${role} ${name}`);
      expect(await query(urlOf("postgres"), "SELECT 1 FROM pg_database WHERE datname = $1", [name])).toEqual([]);
    } finally {
      await asAdmin((admin) => admin.query(`DROP ROLE ${role}`));
    }
  });

  it("an unknown role is one line naming it and how to create it", async () => {
    const role = uniqueName("link_pass_nobody");
    const message = await refusal(withRole(urlOf("postgres"), role));
    expect(message).toContain(`role "${role}" does not exist`);
    expect(message).toContain(`createuser --createdb ${role}`);
  });

  it("a refused connection is one line saying where and what to do", async () => {
    const port = await closedPort();
    const message = await refusal(`postgres://postgres@127.0.0.1:${port}/linkpass`);
    expect(message).toBe(
      `PostgreSQL at 127.0.0.1:${port} refused the connection: start it, or correct DATABASE_URL (unset it to use the embedded database)`,
    );
  });

  it("a password never appears in the line", async () => {
    const port = await closedPort();
    expect(await refusal(`postgres://postgres:s3cret-pass@127.0.0.1:${port}/linkpass`)).not.toContain("s3cret-pass");
  });
});

