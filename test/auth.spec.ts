import { SignJWT } from "jose";
import { loadConfig } from "../src/config";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { errorCode, useTestApp } from "./support/test-app";

const t = useTestApp();
const secret = new TextEncoder().encode(loadConfig({ NODE_ENV: "test" }).jwtSecret);
const ME = "{ me { user { email } tenant { code } } }";
const LOGIN = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id email } } }";

async function userId(email: string): Promise<string> {
  return (await t.database.owner.query("SELECT id FROM users WHERE email = $1", [email])).rows[0].id;
}
async function tenantId(code: string): Promise<string> {
  return (await t.database.owner.query("SELECT id FROM tenants WHERE code = $1", [code])).rows[0].id;
}

describe("login", () => {
  it("answers a token and the user for the right password", async () => {
    const response = await t.graphql(LOGIN, { email: "staff@cn-sh.demo", password: DEMO_PASSWORD });
    expect(response.errors).toBeUndefined();
    expect(response.data.login.user).toEqual({ id: await userId("staff@cn-sh.demo"), email: "staff@cn-sh.demo" });
    expect(response.data.login.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("a wrong password and an unknown email get the same UNAUTHENTICATED answer", async () => {
    const wrong = await t.graphql(LOGIN, { email: "staff@cn-sh.demo", password: "not-the-password" });
    const unknown = await t.graphql(LOGIN, { email: "nobody@nowhere.demo", password: DEMO_PASSWORD });
    expect(errorCode(wrong)).toBe("UNAUTHENTICATED");
    expect(wrong.errors).toEqual(unknown.errors);
  });
});

describe("bearer tokens", () => {
  it.each([
    ["no token", undefined],
    ["a malformed header", "Basic abc"],
    ["garbage", "Bearer not.a.token"],
  ])("%s → UNAUTHENTICATED", async (_label, header) => {
    const response = await t.graphql(ME, {}, { headers: header ? { authorization: header } : {} });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
  });

  it("a token signed with another secret is refused", async () => {
    const forged = await new SignJWT({ tid: await tenantId("HQ") })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(await userId("president@hq.demo"))
      .setIssuer("link-pass")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("an-attacker-secret-that-is-long-enough-123"));
    expect(errorCode(await t.graphql(ME, {}, { token: forged }))).toBe("UNAUTHENTICATED");
  });

  it("an unsigned alg:none token is refused", async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const unsigned = `${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: await userId("president@hq.demo"), tid: await tenantId("HQ"), iss: "link-pass", exp })}.`;
    expect(errorCode(await t.graphql(ME, {}, { token: unsigned }))).toBe("UNAUTHENTICATED");
  });

  it("a tampered payload is refused", async () => {
    const [header, , signature] = (await t.login("consultant@cn-sz.demo")).split(".");
    const payload = Buffer.from(
      JSON.stringify({ sub: await userId("president@hq.demo"), tid: await tenantId("HQ"), iss: "link-pass", exp: 9999999999 }),
    ).toString("base64url");
    expect(errorCode(await t.graphql(ME, {}, { token: `${header}.${payload}.${signature}` }))).toBe("UNAUTHENTICATED");
  });

  it("an expired token is refused", async () => {
    const expired = await new SignJWT({ tid: await tenantId("HQ") })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(await userId("president@hq.demo"))
      .setIssuer("link-pass")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 13 * 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    const response = await t.graphql(ME, {}, { token: expired });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(response.errors![0].message).toBe("Token expired");
  });

  it("a token whose membership was deactivated no longer acts", async () => {
    const token = await t.login("consultant@my-kl.demo");
    await t.database.owner.query("UPDATE memberships SET active = false WHERE user_id = $1", [await userId("consultant@my-kl.demo")]);
    try {
      expect(errorCode(await t.graphql(ME, {}, { token }))).toBe("UNAUTHENTICATED");
    } finally {
      await t.database.owner.query("UPDATE memberships SET active = true WHERE user_id = $1", [await userId("consultant@my-kl.demo")]);
    }
  });
});

describe("x-tenant-id", () => {
  it("names another of the caller's own memberships, by id or code, and acts through it", async () => {
    await t.database.owner.query(
      "INSERT INTO memberships (tenant_id, user_id, role, department) VALUES ($1, $2, 'STAFF', 'OPERATIONS')",
      [await tenantId("CN-SZ"), await userId("staff@cn-sh.demo")],
    );
    const byId = await t.as("staff@cn-sh.demo", { tenant: await tenantId("CN-SZ") }).query(ME);
    const byCode = await t.as("staff@cn-sh.demo", { tenant: "CN-SZ" }).query(ME);
    expect(byId.data.me.tenant.code).toBe("CN-SZ");
    expect(byCode.data.me.tenant.code).toBe("CN-SZ");
    const clients = await t.as("staff@cn-sh.demo", { tenant: "CN-SZ" }).query("{ clients { edges { node { tenant { code } } } } }");
    expect(new Set(clients.data.clients.edges.map((e: any) => e.node.tenant.code))).toEqual(new Set(["CN-SZ"]));
    expect((await t.as("staff@cn-sh.demo").query(ME)).data.me.tenant.code).toBe("CN-SH");
  });

  it("naming a tenant the caller is not a member of is FORBIDDEN, even a parent or child", async () => {
    for (const tenant of ["HQ", "CN-SH", "MY", await tenantId("MY-KL"), "00000000-0000-4000-8000-000000000000"]) {
      const response = await t.as("president@cn.demo", { tenant }).query("{ clients { totalCount } }");
      expect(errorCode(response)).toBe("FORBIDDEN");
    }
  });

  it("a malformed x-tenant-id is BAD_USER_INPUT", async () => {
    expect(errorCode(await t.as("president@cn.demo", { tenant: "'; drop table clients; --" }).query(ME))).toBe("BAD_USER_INPUT");
  });
});

describe("me", () => {
  it("lists every active membership of the caller, with each tenant's public profile", async () => {
    const response = await t.as("president@my.demo").query("{ me { memberships { role tenant { code name } } } }");
    expect(response.data.me.memberships).toEqual([{ role: "PRESIDENT", tenant: { code: "MY", name: expect.any(String) } }]);
  });
});
