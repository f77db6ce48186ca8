import {
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { appModules } from "../../src/app";
import { buildBaseSchema } from "../../src/schema";
import { useTestApp } from "../support/test-app";
import { DEMO_EMAILS, HOME_TENANT, PARENT, VISIBLE_TENANTS, ancestorsOf } from "../support/demo-network";

/**
 * Property: whatever valid query any demo user sends, no id in the answer belongs to a row of a
 * tenant outside what that user may read. Queries are generated from the schema itself (root
 * field, arguments from real ids of every tenant, random nested selections). FUZZ_CASES sets how
 * many (default 2,000); FUZZ_SEED replays a run.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Owner {
  table: string;
  tenant: string;
  parent: string | null;
  user: string | null;
}

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", RATE_LIMIT_USER_PER_MINUTE: "1000000" });
let owners: Map<string, Owner>;
let codeOf: Map<string, string>;
let ids: string[];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

beforeAll(async () => {
  // Rows the demo data has none of, so the generated queries meet them too.
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  for (const creator of ["president@cn-sh.demo", "president@my.demo"]) {
    await t.as(creator).data(`mutation($e: DateTimeISO!) { createApiKey(input: { name: "Fuzzed system", role: STAFF, department: OPERATIONS, expiresAt: $e }) { secret } }`, { e: expiresAt });
  }
  const sql = t.database.owner;
  // The seed has no approval delegations: one in Shenzhen, so their ids are in play too.
  await sql.query(
    `INSERT INTO approval_delegations (tenant_id, delegator_membership_id, delegate_membership_id, starts_at, ends_at, created_by)
     SELECT p.tenant_id, p.id, c.id, now(), now() + interval '1 day', p.user_id
       FROM memberships p JOIN users pu ON pu.id = p.user_id, memberships c JOIN users cu ON cu.id = c.user_id
      WHERE pu.email = 'president@cn-sz.demo' AND cu.email = 'consultant@cn-sz.demo'`,
  );
  const tables: { table_name: string; has_parent: boolean; has_user: boolean }[] = (
    await sql.query(`
      SELECT c.table_name,
             bool_or(c2.column_name = 'parent_tenant_id') AS has_parent,
             bool_or(c2.column_name = 'user_id') AS has_user
        FROM information_schema.columns c
        JOIN information_schema.columns c2 ON c2.table_schema = c.table_schema AND c2.table_name = c.table_name
       WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND c.table_name <> 'audit_log'
       GROUP BY c.table_name
      HAVING bool_or(c2.column_name = 'id')`)
  ).rows;
  owners = new Map();
  for (const { table_name, has_parent, has_user } of tables) {
    const { rows } = await sql.query(
      `SELECT id::text, tenant_id::text, ${has_parent ? "parent_tenant_id::text" : "NULL"} AS parent, ${has_user ? "user_id::text" : "NULL"} AS user
         FROM ${table_name}`,
    );
    for (const row of rows) owners.set(row.id, { table: table_name, tenant: row.tenant_id, parent: row.parent, user: row.user });
  }
  const tenants = (await sql.query("SELECT id::text, code, parent_id::text AS parent FROM tenants")).rows;
  codeOf = new Map(tenants.map((row: { id: string; code: string }) => [row.id, row.code]));
  for (const row of tenants) owners.set(row.id, { table: "tenants", tenant: row.id, parent: row.parent, user: null });
  ids = [...owners.keys()];
});

/** Whether `email` may see a row with this id (DESIGN §2, plus the documented exceptions). */
function mayRead(email: string, owner: Owner, userId: string): boolean {
  const visible = VISIBLE_TENANTS[email];
  const home = HOME_TENANT[email];
  const code = codeOf.get(owner.tenant)!;
  if (visible.includes(code)) return true;
  switch (owner.table) {
    case "tenants":
      // Ancestors' public profiles, and the direct children a centre registers and grades (parent_read).
      return ancestorsOf(home).includes(code) || PARENT[code] === home;
    case "kpi_targets":
    case "assessment_schemes":
      return ancestorsOf(home).includes(code);
    case "memberships":
      return owner.user === userId;
    case "service_standards":
      // Approved standards are published to the company's whole chain of centres.
      return ancestorsOf(code).includes(home) || (owner.parent !== null && codeOf.get(owner.parent) === home);
    default:
      // Rows a direct parent reads because it decides on them or is the other side (parent_read).
      return owner.parent !== null && codeOf.get(owner.parent) === home && PARENT[code] === home;
  }
}

function generate(schema: GraphQLSchema, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const literal = (type: GraphQLNamedType, name: string): string | undefined => {
    if (name === "first") return String(1 + Math.floor(next() * 20));
    if (type.name === "ID") return JSON.stringify(next() < 0.9 ? pick(ids) : "00000000-0000-4000-8000-000000000000");
    if (type.name === "Int") return String(1 + Math.floor(next() * 4));
    if (type.name === "Boolean") return next() < 0.5 ? "true" : "false";
    if (isEnumType(type)) return pick(type.getValues()).name;
    return undefined;
  };
  const args = (field: GraphQLField<unknown, unknown>): string | null => {
    const parts: string[] = [];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type);
      if (!required && next() < 0.6) continue;
      const value = literal(getNamedType(arg.type), arg.name);
      if (value === undefined) {
        if (required) return null;
        continue;
      }
      parts.push(`${arg.name}: ${value}`);
    }
    return parts.length ? `(${parts.join(", ")})` : "";
  };
  const selection = (type: GraphQLObjectType, depth: number): string => {
    const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
    const chosen = fields.filter((f) => f.name === "id" || next() < 0.5);
    const parts: string[] = [];
    for (const field of chosen.length ? chosen : fields.slice(0, 1)) {
      const named = getNamedType(field.type);
      if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
      else if (isObjectType(named) && depth < 4) parts.push(`${field.name}${args(field) ?? ""} ${selection(named, depth + 1)}`);
    }
    return `{ ${parts.length ? parts.join(" ") : "__typename"} }`;
  };
  for (;;) {
    const root = pick(Object.values(schema.getQueryType()!.getFields()));
    const rootArgs = args(root);
    if (rootArgs === null) continue;
    const named = getNamedType(root.type);
    const body = isObjectType(named) ? selection(named, 1) : "";
    return `{ ${root.name}${rootArgs} ${body} }`;
  }
}

function idsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string" && UUID.test(value)) found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => idsIn(item, found));
  else if (value && typeof value === "object") Object.values(value).forEach((item) => idsIn(item, found));
  return found;
}

describe("isolation fuzzing", () => {
  it(`${CASES} generated queries as random demo users never answer an id of a tenant they may not read`, async () => {
    const schema = buildBaseSchema(appModules());
    const next = random(SEED);
    const userIds = new Map<string, string>();
    const leaks: string[] = [];
    let answered = 0;
    for (let i = 0; i < CASES; i++) {
      const email = DEMO_EMAILS[Math.floor(next() * DEMO_EMAILS.length)];
      if (!userIds.has(email)) userIds.set(email, (await t.as(email).query("{ me { user { id } } }")).data.me.user.id);
      const query = generate(schema, next);
      const response = await t.as(email).query(query);
      if (response.data) answered++;
      for (const id of idsIn(response.data)) {
        const owner = owners.get(id);
        if (owner && !mayRead(email, owner, userIds.get(email)!)) leaks.push(`${email}: ${owner.table} ${id} of ${codeOf.get(owner.tenant)} in ${query}`);
      }
      for (const error of response.errors ?? []) {
        expect(["FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED"]).toContain(error.extensions?.code);
      }
    }
    expect(leaks.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(CASES / 2);
  }, 300_000);
});
