import { createHash } from "node:crypto";
import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { createRateLimits } from "../../src/http/rate-limits";
import { authenticate } from "../../src/context/create-context";
import { errorCode, useTestApp } from "../support/test-app";
import { useSmtpInbox } from "../support/smtp-inbox";

const t = useTestApp({ PUBLIC_URL: "https://linkpass.test", MAIL_DELIVERY_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const inbox = useSmtpInbox();

const CREATE = `mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name role department status expiresAt tenant { code } } secret } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }`;
const API_KEYS = `{ apiKeys(first: 100) { totalCount edges { node { id tenant { code } } } } }`;
const ME = `{ me { user { email } membership { role department authorityLevel } tenant { code } } }`;
const CREATE_CLIENT = `mutation($name: String!) { createClient(input: { name: $name }) { id tenant { code } } }`;
const CLIENTS = `{ clients(first: 100) { edges { node { id tenant { code } } } } }`;
const INVITE = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`;
const ACCEPT = `mutation Accept($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`;
const DEACTIVATE = `mutation Deactivate($id: ID!, $reason: String!) { deactivateMembership(id: $id, reason: $reason) { id status } }`;

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const keyInput = (role = "STAFF", department = "OPERATIONS", expiresAt = inDays(30)) => ({ name: `Partner system ${role}`, role, department, expiresAt });
/** Sends an operation with the key's secret as the bearer, as a partner system does. */
const asKey = (secret: string, query: string, variables: Record<string, unknown> = {}, tenant?: string) => t.graphql(query, variables, { token: secret, tenant });
const count = async (table: string, where = "true", params: unknown[] = []) =>
  (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;

async function createKey(creator: string, input = keyInput()): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await t.as(creator).data(CREATE, { input });
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

/** Invites and accepts a member with the demo password, so `t.as(email)` works; their membership id. */
async function join(inviter: string, email: string, role: string, department = "MANAGEMENT"): Promise<string> {
  await t.as(inviter).data(INVITE, { input: { email, displayName: email, role, department } });
  await inbox.deliver(t.app.dataSource);
  const accepted = await t.graphql(ACCEPT, { token: inbox.tokenSentTo(email), password: DEMO_PASSWORD });
  if (!accepted.data) throw new Error(JSON.stringify(accepted.errors));
  return (await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", [email])).rows[0].id;
}

describe("API keys", () => {
  it("a president's key is shown once, stored only as its hash, and acts in its tenant with the key's role and department", async () => {
    const { createApiKey } = await t.as("president@cn-sh.demo").data(CREATE, { input: keyInput("STAFF", "FINANCE") });
    expect(createApiKey.apiKey).toMatchObject({ role: "STAFF", department: "FINANCE", status: "ACTIVE", tenant: { code: "CN-SH" } });
    expect(createApiKey.secret).toMatch(/^lpk_[A-Za-z0-9_-]{43}$/);
    const [stored] = (await t.database.owner.query("SELECT encode(secret_hash, 'hex') AS hash FROM api_keys WHERE id = $1", [createApiKey.apiKey.id])).rows;
    expect(stored.hash).toBe(createHash("sha256").update(createApiKey.secret).digest("hex"));
    expect(await count("audit_log", "after::text LIKE '%' || $1 || '%'", [createApiKey.secret])).toBe(0);

    const me = await asKey(createApiKey.secret, ME);
    expect(me.data.me).toEqual({
      user: { email: "president@cn-sh.demo" },
      membership: { role: "STAFF", department: "FINANCE", authorityLevel: 4 },
      tenant: { code: "CN-SH" },
    });
    const [used] = (await t.database.owner.query("SELECT last_used_at FROM api_keys WHERE id = $1", [createApiKey.apiKey.id])).rows;
    expect(used.last_used_at).toBeInstanceOf(Date);
  });

  it("lastUsedAt is written at most once a minute", async () => {
    const key = await createKey("president@cn-sh.demo");
    const lastUsed = async () => (await t.database.owner.query("SELECT last_used_at FROM api_keys WHERE id = $1", [key.id])).rows[0].last_used_at as Date | null;
    expect(await lastUsed()).toBeNull();
    await t.database.owner.query("UPDATE api_keys SET last_used_at = now() - interval '30 seconds' WHERE id = $1", [key.id]);
    const recent = await lastUsed();
    await asKey(key.secret, ME);
    expect(await lastUsed()).toEqual(recent);
    await t.database.owner.query("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [key.id]);
    const stale = (await lastUsed())!;
    await asKey(key.secret, ME);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale.getTime());
    const listed = await t.as("president@cn-sh.demo").data(`{ apiKeys(first: 100) { edges { node { id lastUsedAt } } } }`);
    expect(listed.apiKeys.edges.map((e: any) => e.node)).toContainEqual({ id: key.id, lastUsedAt: expect.any(String) });
  });

  it("a key's writes are audited as the key and its creator", async () => {
    const key = await createKey("president@cn-sh.demo");
    const { data } = await asKey(key.secret, CREATE_CLIENT, { name: "Written by a partner system" });
    expect(data.createClient.tenant.code).toBe("CN-SH");
    const trail = await t.as("president@cn-sh.demo").data(
      `query($id: ID!) { auditLog(first: 10, targetId: $id) { edges { node { action apiKeyId actor { email } } } } }`,
      { id: data.createClient.id },
    );
    expect(trail.auditLog.edges.map((e: any) => e.node)).toEqual([{ action: "INSERT", apiKeyId: key.id, actor: { email: "president@cn-sh.demo" } }]);
    const created = await t.as("president@cn-sh.demo").data(`query($id: ID!) { auditLog(first: 10, targetId: $id) { edges { node { action apiKeyId } } } }`, { id: key.id });
    expect(created.auditLog.edges.map((e: any) => e.node)).toEqual([{ action: "INSERT", apiKeyId: null }]);
    expect((await t.as("president@cn-sh.demo").data(`{ verifyAuditChain { ok } }`)).verifyAuditChain.ok).toBe(true);
  });

  it("a revoked key fails on its very next request, and revoking twice is CONFLICT", async () => {
    const key = await createKey("president@cn-sh.demo");
    expect((await asKey(key.secret, ME)).data.me.tenant.code).toBe("CN-SH");
    const { revokeApiKey } = await t.as("president@cn-sh.demo").data(REVOKE, { id: key.id });
    expect(revokeApiKey).toMatchObject({ id: key.id, status: "REVOKED", revokedAt: expect.any(String) });
    expect(errorCode(await asKey(key.secret, ME))).toBe("UNAUTHENTICATED");
    const before = await count("clients");
    expect(errorCode(await asKey(key.secret, CREATE_CLIENT, { name: "after revocation" }))).toBe("UNAUTHENTICATED");
    expect(await count("clients")).toBe(before);
    expect(errorCode(await t.as("president@cn-sh.demo").query(REVOKE, { id: key.id }))).toBe("CONFLICT");
  });

  it("an expired key fails, and an unknown or malformed secret is UNAUTHENTICATED", async () => {
    const key = await createKey("president@cn-sh.demo");
    await t.database.owner.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [key.id]);
    expect(errorCode(await asKey(key.secret, ME))).toBe("UNAUTHENTICATED");
    const listed = await t.as("president@cn-sh.demo").data(`{ apiKeys(first: 100) { edges { node { id status } } } }`);
    expect(listed.apiKeys.edges.map((e: any) => e.node)).toContainEqual({ id: key.id, status: "EXPIRED" });
    expect(errorCode(await asKey(`lpk_${"A".repeat(43)}`, ME))).toBe("UNAUTHENTICATED");
    expect(errorCode(await asKey("lpk_short", ME))).toBe("UNAUTHENTICATED");
  });

  it("a key cannot log in, administer members, handle credentials, open centres or create or revoke keys, whatever its role", async () => {
    const key = await createKey("president@cn-sh.demo", keyInput("PRESIDENT", "MANAGEMENT"));
    const other = await createKey("president@cn-sh.demo");
    const [membership] = (await t.database.owner.query(
      "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@cn-sh.demo'",
    )).rows;
    const refused: [string, Record<string, unknown>][] = [
      [`mutation { login(email: "president@cn-sh.demo", password: "${DEMO_PASSWORD}") { token } }`, {}],
      [INVITE, { input: { email: "by-key@cn-sh.test", displayName: "By key", role: "STAFF", department: "OPERATIONS" } }],
      [`mutation($id: ID!) { updateMembership(id: $id, input: { role: STAFF, department: MEDIA }) { id } }`, { id: membership.id }],
      [DEACTIVATE, { id: membership.id, reason: "by a key" }],
      [`mutation { changePassword(currentPassword: "${DEMO_PASSWORD}", newPassword: "another long passphrase") }`, {}],
      [`mutation { signOutEverywhere }`, {}],
      [`mutation { openCentre(input: { kind: CITY_CENTRE, code: "CN-SH-KEY", name: "By key", firstAdmin: { email: "a@b.test", displayName: "A" } }) { id } }`, {}],
      [CREATE, { input: keyInput() }],
      [REVOKE, { id: other.id }],
    ];
    const before = [await count("invitations"), await count("api_keys"), await count("memberships", "active")];
    for (const [query, variables] of refused) expect([query, errorCode(await asKey(key.secret, query, variables))]).toEqual([query, "FORBIDDEN"]);
    expect([await count("invitations"), await count("api_keys"), await count("memberships", "active")]).toEqual(before);
    expect(errorCode(await asKey(key.secret, API_KEYS))).toBe("FORBIDDEN");
    expect((await asKey(other.secret, ME)).data.me.tenant.code).toBe("CN-SH");
  });

  it("a key never acts in another tenant: x-tenant-id of another is FORBIDDEN, its own is accepted, and it reads only its own tenant's rows", async () => {
    const key = await createKey("president@cn-sh.demo");
    for (const tenant of ["CN-SZ", "CN", "HQ"]) expect(errorCode(await asKey(key.secret, ME, {}, tenant))).toBe("FORBIDDEN");
    expect((await asKey(key.secret, ME, {}, "cn-sh")).data.me.tenant.code).toBe("CN-SH");
    const clients = (await asKey(key.secret, CLIENTS)).data.clients.edges.map((e: any) => e.node.tenant.code);
    expect(clients.length).toBeGreaterThan(0);
    expect(new Set(clients)).toEqual(new Set(["CN-SH"]));
    const [sibling] = (await t.database.owner.query("SELECT c.id FROM clients c JOIN tenants t ON t.id = c.tenant_id WHERE t.code = 'CN-SZ' LIMIT 1")).rows;
    expect((await asKey(key.secret, `query($id: ID!) { client(id: $id) { id } }`, { id: sibling.id })).data.client).toBeNull();
  });

  it("a national centre's key reads its subtree only where its role does", async () => {
    const key = await createKey("president@cn.demo", keyInput("DEPUTY", "MANAGEMENT"));
    const tenants = (await asKey(key.secret, `{ tenants(first: 100) { edges { node { code } } } }`)).data.tenants.edges.map((e: any) => e.node.code);
    expect(tenants).toEqual(expect.arrayContaining(["CN", "CN-SH", "CN-SZ"]));
    expect(tenants).not.toContain("MY");
    const staffKey = await createKey("president@cn.demo", keyInput("STAFF", "OPERATIONS"));
    const staffTenants = (await asKey(staffKey.secret, `{ tenants(first: 100) { edges { node { code } } } }`)).data.tenants.edges.map((e: any) => e.node.code);
    expect(staffTenants).not.toContain("CN-SH");
  });

  it("nobody creates a key above their authority, past a year, in the past, or without being a president or deputy", async () => {
    await join("president@cn-sh.demo", "deputy.keys@cn-sh.test", "DEPUTY");
    const deputy = t.as("deputy.keys@cn-sh.test");
    const before = await count("api_keys");
    expect(errorCode(await deputy.query(CREATE, { input: keyInput("PRESIDENT", "MANAGEMENT") }))).toBe("FORBIDDEN");
    expect(errorCode(await deputy.query(CREATE, { input: keyInput("AUDITOR", "MANAGEMENT") }))).toBe("FORBIDDEN");
    for (const email of ["staff@cn-sh.demo", "finance@cn.demo", "auditor@hq.demo", "consultant@cn-sh.demo"]) {
      expect(errorCode(await t.as(email).query(CREATE, { input: keyInput("STAFF") }))).toBe("FORBIDDEN");
    }
    for (const expiresAt of [inDays(367), inDays(-1)]) {
      const response = await t.as("president@cn-sh.demo").query(CREATE, { input: keyInput("STAFF", "OPERATIONS", expiresAt) });
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
      expect(response.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "expiresAt" })]);
    }
    expect(await count("api_keys")).toBe(before);
    expect((await deputy.data(CREATE, { input: keyInput("DEPUTY", "FINANCE", inDays(364)) })).createApiKey.apiKey.role).toBe("DEPUTY");
    expect((await t.as("president@cn-sh.demo").data(CREATE, { input: keyInput("AUDITOR", "MANAGEMENT") })).createApiKey.apiKey.role).toBe("AUDITOR");
  });

  it("a key stops when its creator's membership is deactivated, or no longer holds the key's authority", async () => {
    const deputyMembership = await join("president@cn-sh.demo", "deputy.leaver@cn-sh.test", "DEPUTY");
    const key = await createKey("deputy.leaver@cn-sh.test", keyInput("DEPUTY", "MANAGEMENT"));
    const lowerKey = await createKey("deputy.leaver@cn-sh.test", keyInput("STAFF", "OPERATIONS"));
    expect((await asKey(key.secret, ME)).data.me.membership.role).toBe("DEPUTY");
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { updateMembership(id: $id, input: { role: STAFF, department: MANAGEMENT }) { id } }`, { id: deputyMembership });
    expect(errorCode(await asKey(key.secret, ME))).toBe("UNAUTHENTICATED");
    expect((await asKey(lowerKey.secret, ME)).data.me.membership.role).toBe("STAFF");
    await t.as("president@cn-sh.demo").data(DEACTIVATE, { id: deputyMembership, reason: "left the company" });
    expect(errorCode(await asKey(lowerKey.secret, ME))).toBe("UNAUTHENTICATED");
  });

  it("a sibling never sees or revokes another tenant's keys; the parent reads them", async () => {
    const key = await createKey("president@cn-sh.demo");
    const sibling = await t.as("president@cn-sz.demo").data(API_KEYS);
    expect(sibling.apiKeys.edges.map((e: any) => e.node.tenant.code)).not.toContain("CN-SH");
    expect((await t.as("president@cn-sz.demo").data(`query($id: ID!) { node(id: $id) { id } }`, { id: key.id })).node).toBeNull();
    expect(errorCode(await t.as("president@cn-sz.demo").query(REVOKE, { id: key.id }))).toBe("NOT_FOUND");
    expect((await t.as("president@my.demo").data(API_KEYS)).apiKeys.edges.map((e: any) => e.node.id)).not.toContain(key.id);
    expect((await t.as("president@cn.demo").data(API_KEYS)).apiKeys.edges.map((e: any) => e.node.id)).toContain(key.id);
    expect(errorCode(await t.as("president@cn.demo").query(REVOKE, { id: key.id }))).toBe("FORBIDDEN");
    expect((await asKey(key.secret, ME)).data.me.tenant.code).toBe("CN-SH");
  });

  it("a key is rate limited as its own principal, apart from its creator and other keys", async () => {
    const limits = createRateLimits({ userPerMinute: 2, tenantPerMinute: 100, anonymousPerMinute: 100, loginAccountPerMinute: 1, loginAddressPerMinute: 1 });
    const key = await authenticate(`Bearer lpk_${"a".repeat(43)}`, "secret");
    const otherKey = await authenticate(`Bearer lpk_${"b".repeat(43)}`, "secret");
    expect(key.kind).toBe("apiKey");
    expect(await limits.consume(key, "127.0.0.1")).toEqual({ allowed: true });
    expect(await limits.consume(key, "127.0.0.1")).toEqual({ allowed: true });
    expect(await limits.consume(key, "127.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    expect(await limits.consume(otherKey, "127.0.0.1")).toEqual({ allowed: true });
    expect(await limits.consume({ kind: "anonymous" }, "127.0.0.1")).toEqual({ allowed: true });
  });
});
