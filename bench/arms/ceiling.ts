import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool, QueryResult } from "pg";
import { loadConfig } from "../../src/config";
import { enterAsMemberSql } from "../../src/db/request-transaction";
import { authenticate } from "../../src/context/create-context";
import { SHAPES, BenchTargets, EnteredRequest } from "../shapes";
import { armEnvironment, reportReady } from "./arm-environment";

/**
 * The ceiling: node:http and pg with nothing in between. Per request it checks the token (our
 * `authenticate`: the same verification and cache), runs our request transaction (BEGIN with the
 * same entry statement and settings in one round trip, the shape's statements, COMMIT) and writes
 * the JSON. The shape is the URL path (`/0` … `/4`): no GraphQL is parsed, validated or executed.
 */
async function main(): Promise<void> {
  const config = loadConfig(armEnvironment());
  const targets: BenchTargets = JSON.parse(process.env.BENCH_TARGETS!);
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.databasePoolSize });

  const server = createServer(async (req, res) => {
    for await (const _ of req); // the GraphQL body the other arms would read
    const shape = SHAPES[Number(req.url?.slice(1))];
    const db = await pool.connect();
    try {
      const authentication = await authenticate(req.headers.authorization, config.jwtSecret);
      if (authentication.kind !== "token") throw new Error("not authenticated");
      const identity = { userId: authentication.userId, tenant: authentication.tenantId, sessionVersion: authentication.sessionVersion, requestId: randomUUID() };
      const [, entered] = (await db.query(enterAsMemberSql(identity, { statementTimeoutMs: config.statementTimeoutMs }))) as unknown as QueryResult<EnteredRequest>[];
      const data = await shape.ceiling(db, entered.rows[0], targets);
      await db.query("COMMIT");
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ data }));
    } catch (error) {
      await db.query("ROLLBACK");
      res.writeHead(500).end(String(error));
    } finally {
      db.release();
    }
  });
  server.listen(0, "127.0.0.1", () => reportReady((server.address() as AddressInfo).port));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
