import { randomBytes } from "node:crypto";
import { AddressInfo, createServer } from "node:net";
import { Client } from "pg";
import pino from "pino";
import type { Logger } from "../../src/shared/logger";
import { StartupError } from "../../src/shared/startup-error";
import { databaseUrl } from "../support/postgres-server";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose lines are kept, so a test can count what a server said. */
export function capturedLogger(): { log: Logger; lines: LogLine[]; said(text: string): LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines, said: (text) => lines.filter((line) => line.msg.includes(text)) };
}

/** A database with nothing in it (not the migrated template), dropped by `drop()`. */
export interface EmptyDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.LINK_PASS_TEST_ADMIN_URL;
  if (!url) throw new Error("LINK_PASS_TEST_ADMIN_URL is not set: run the tests with jest so test/support/global-setup.ts runs");
  return url;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

export async function asAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Where a database named `name` would be on the test server (it need not exist). */
export function urlOf(name: string): string {
  return databaseUrl(adminUrl(), name);
}

export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const name = uniqueName("link_pass_startup");
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  return { name, url: urlOf(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The message of the StartupError `attempt` fails with, checked to be one line. Should it succeed,
 * what it opened is closed again and the test fails.
 */
export async function startupFailure(attempt: Promise<{ stop(): Promise<void> } | { close(): Promise<void> }>): Promise<string> {
  const error = await attempt.then(
    async (opened) => {
      await ("stop" in opened ? opened.stop() : opened.close());
      return new Error("it started");
    },
    (caught: Error) => caught,
  );
  expect(error).toBeInstanceOf(StartupError);
  expect(error.message).not.toContain("\n");
  return error.message;
}

/** Holds `port` (0: one the OS picks) on 127.0.0.1 until `release()`. */
export async function occupyPort(port = 0): Promise<{ port: number; release(): Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
  return {
    port: (holder.address() as AddressInfo).port,
    release: () => new Promise<void>((resolve) => holder.close(() => resolve())),
  };
}

/** A port nothing listens on: one the OS just handed out and took back. */
export async function closedPort(): Promise<number> {
  const { port, release } = await occupyPort();
  await release();
  return port;
}
