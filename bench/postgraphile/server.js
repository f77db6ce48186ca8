// The peer: PostGraphile 5 on the bench database, on node:http, as its docs set it up (library
// mode, Amber preset, grafserv). pgSettings carry the same role and app.* settings our request
// transaction sets, so the same RLS policies filter every row. Plain JavaScript with its own
// dependencies (this folder's package.json), so the product's stay clean.
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

/** What app.enter_request stores for a membership, asked once per user and tenant. */
const settingsByMembership = new Map();
function settingsFor(claims) {
  const key = `${claims.sub}/${claims.tid}`;
  if (!settingsByMembership.has(key)) settingsByMembership.set(key, enterOnce(claims.sub, claims.tid));
  return settingsByMembership.get(key);
}
async function enterOnce(userId, tenantId) {
  const db = await pool.connect();
  try {
    await db.query("BEGIN");
    const { rows } = await db.query(
      `SELECT ctx.membership_id, current_setting('app.user_id') AS user_id, current_setting('app.tenant_id') AS tenant_id,
              current_setting('app.visible_tenant_ids') AS visible, current_setting('app.writable_tenant_ids') AS writable,
              current_setting('app.profile_tenant_ids') AS profile
         FROM app.enter_request($1, $2) ctx`,
      [userId, tenantId],
    );
    const [row] = rows;
    return {
      role: RUNTIME_ROLE,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      "app.user_id": row.user_id,
      "app.tenant_id": row.tenant_id,
      "app.membership_id": row.membership_id,
      "app.visible_tenant_ids": row.visible,
      "app.writable_tenant_ids": row.writable,
      "app.profile_tenant_ids": row.profile,
      "app.operation": "",
    };
  } finally {
    await db.query("ROLLBACK");
    db.release();
  }
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
      return { pgSettings: { ...(await settingsFor(claims)), "app.request_id": randomUUID() } };
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
