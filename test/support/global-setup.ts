import "reflect-metadata";
import Redis from "ioredis";
import { Client } from "pg";
import { appModules } from "../../src/app";
import { createDataSource } from "../../src/db/data-source";
import { seedDemoData } from "../../src/demo-data/seed-demo-data";
import { databaseUrl, findPostgresServer } from "./postgres-server";

/**
 * Finds a PostgreSQL server, then builds one template database (migrated, demo data loaded)
 * that every test file copies into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  const server = await findPostgresServer();
  const template = `link_pass_test_template_${process.pid}`;
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const dataSource = createDataSource({ url: databaseUrl(server.adminUrl, template), entities: appModules().entities, poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.LINK_PASS_TEST_ADMIN_URL = server.adminUrl;
  const redisUrl = await findRedis();
  if (redisUrl) process.env.LINK_PASS_TEST_REDIS_URL = redisUrl;
  else console.warn("\nNo Redis answers: the tests of limits and live notifications shared through Redis are skipped.");
  process.env.LINK_PASS_TEST_TEMPLATE = template;
  (globalThis as { stopTestPostgres?: () => Promise<void> }).stopTestPostgres = server.stop;
}

/** TEST_REDIS_URL, else a Redis on 127.0.0.1:6379 when one answers; the Redis tests need one. */
async function findRedis(): Promise<string | undefined> {
  const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG" ? url : undefined;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
