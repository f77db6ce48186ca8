// The peer: PostGraphile 5 on the bench database, on node:http, as its docs set it up (library
// mode, Amber preset, grafserv). Its transactions enter through app.enter_request like ours (the
// signed tenant context cannot be copied in as settings), so the same RLS policies filter every
// row. Plain JavaScript with its own dependencies (this folder's package.json), so the product's
// stay clean.
"use strict";
// PostGraphile 5 uses Promise.withResolvers, which Node 20 lacks.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const { createHmac, randomUUID, timingSafeEqual } = require("node:crypto");
const { createServer } = require("node:http");
const { Pool } = require("pg");
const { postgraphile } = require("postgraphile");
const { PostGraphileAmberPreset } = require("postgraphile/presets/amber");
const { makePgService } = require("postgraphile/adaptors/pg");
const { grafserv } = require("postgraphile/grafserv/node");

const { DATABASE_URL, DATABASE_POOL_SIZE = "10", JWT_SECRET, STATEMENT_TIMEOUT_MS = "10000" } = process.env;
const RUNTIME_ROLE = "linkpass_app";
const pool = new Pool({ connectionString: DATABASE_URL, max: Number(DATABASE_POOL_SIZE) });

/** HS256 tokens of issuer link-pass, unexpired: the claims our server checks. */
function verifyToken(header) {
  const [head, payload, signature] = (header ?? "").replace(/^Bearer /, "").split(".");
  const expected = createHmac("sha256", JWT_SECRET).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature ?? "", "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error("invalid token");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  if (claims.iss !== "link-pass" || claims.exp * 1000 < Date.now()) throw new Error("invalid token");
  return claims;
}

/**
 * PostGraphile opens each transaction with one statement applying its pgSettings; on our pool's
 * connections that statement becomes the entry our server sends (app.enter_request for the
 * settings' user and tenant, then the switch to the runtime role and the other settings), still
 * one round trip.
 */
const SETTINGS_SQL = "select set_config(el->>0, el->>1, true) from json_array_elements($1::json) el";
const ENTER_SQL = `SELECT ctx.membership_id, set_config('role', $4, true),
  (SELECT count(set_config(el->>0, el->>1, true)) FROM json_array_elements($1::json) el)
  FROM app.enter_request($2, $3, $5) ctx`;
const ENTRY = { user: "bench.user_id", tenant: "bench.tenant", request: "bench.request_id" };

pool.on("connect", (client) => {
  const query = client.query.bind(client);
  client.query = (config, ...rest) => query(config?.text === SETTINGS_SQL ? enterRequest(config.values[0]) : config, ...rest);
});

function enterRequest(settingsJson) {
  const settings = new Map(JSON.parse(settingsJson));
  const [user, tenant, request, role] = [ENTRY.user, ENTRY.tenant, ENTRY.request, "role"].map((key) => settings.get(key));
  for (const key of [ENTRY.user, ENTRY.tenant, ENTRY.request, "role"]) settings.delete(key);
  return { text: ENTER_SQL, values: [JSON.stringify([...settings]), user, tenant || null, role, request] };
}

const preset = {
  extends: [PostGraphileAmberPreset],
  // Plain lists next to connections, as our API has for one-to-many fields.
  schema: { defaultBehavior: "+list" },
  // Order by any column, as our lists do (PostGraphile otherwise offers only indexed leading columns).
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ pool, schemas: ["public", "bench_peer"] })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: {
    async context(requestContext) {
      const claims = verifyToken(requestContext.node?.req.headers.authorization);
      return {
        pgSettings: {
          role: RUNTIME_ROLE,
          statement_timeout: STATEMENT_TIMEOUT_MS,
          "app.operation": "",
          [ENTRY.user]: claims.sub,
          [ENTRY.tenant]: claims.tid ?? "",
          [ENTRY.request]: randomUUID(),
        },
      };
    },
  },
};

async function main() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  server.listen(0, "127.0.0.1", () => process.send?.({ ready: server.address().port }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
