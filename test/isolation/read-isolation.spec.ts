import { useTestApp } from "../support/test-app";
import { DEMO_EMAILS, HOME_TENANT, VISIBLE_TENANTS, ancestorsOf } from "../support/demo-network";

interface TenantRow {
  id: string;
  code: string;
}
interface ClientRow {
  id: string;
  name: string;
  tenant_code: string;
}

const t = useTestApp();
let tenants: TenantRow[];
let clients: ClientRow[];

beforeAll(async () => {
  tenants = (await t.database.owner.query("SELECT id, code FROM tenants ORDER BY code")).rows;
  clients = (
    await t.database.owner.query("SELECT c.id, c.name, t.code AS tenant_code FROM clients c JOIN tenants t ON t.id = c.tenant_id")
  ).rows;
});

const sorted = (values: string[]) => [...values].sort();

describe.each(DEMO_EMAILS)("as %s", (email) => {
  const visible = VISIBLE_TENANTS[email];

  it("me names the acting membership and its tenant", async () => {
    const response = await t.as(email).query(
      "{ me { user { email } membership { role authorityLevel tenant { code } } tenant { code } } }",
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.me.user.email).toBe(email);
    expect(response.data.me.tenant.code).toBe(HOME_TENANT[email]);
    expect(response.data.me.membership.tenant.code).toBe(HOME_TENANT[email]);
  });

  it("tenants lists exactly the tenants the role may read", async () => {
    const response = await t.as(email).query("{ tenants(first: 100) { totalCount edges { node { code } } } }");
    const codes = response.data.tenants.edges.map((e: { node: TenantRow }) => e.node.code);
    expect(sorted(codes)).toEqual(sorted(visible));
    expect(response.data.tenants.totalCount).toBe(visible.length);
  });

  it("clients lists exactly the clients of the visible tenants", async () => {
    const response = await t.as(email).query("{ clients(first: 100) { totalCount edges { node { id tenant { code } } } } }");
    const expected = clients.filter((c) => visible.includes(c.tenant_code)).map((c) => c.id);
    const ids = response.data.clients.edges.map((e: { node: ClientRow }) => e.node.id);
    expect(sorted(ids)).toEqual(sorted(expected));
    expect(response.data.clients.totalCount).toBe(expected.length);
  });

  it("tenant(id) answers a visible tenant, an ancestor's public profile only, and null for the rest", async () => {
    for (const tenant of tenants) {
      const response = await t.as(email).query(
        "query($id: ID!) { tenant(id: $id) { code name kind registrationNumber status } }",
        { id: tenant.id },
      );
      expect(response.errors).toBeUndefined();
      const answer = response.data.tenant;
      if (visible.includes(tenant.code)) {
        expect(answer).toMatchObject({ code: tenant.code, status: "ACTIVE" });
        expect(answer.registrationNumber).toEqual(expect.any(String));
      } else if (ancestorsOf(HOME_TENANT[email]).includes(tenant.code)) {
        expect(answer).toMatchObject({ code: tenant.code, registrationNumber: null, status: null });
      } else {
        expect(answer).toBeNull();
      }
    }
  });

  it("client(id) answers a foreign client exactly like a missing one", async () => {
    const missing = await t.as(email).query("query($id: ID!) { client(id: $id) { id } }", { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing).toEqual({ status: 200, data: { client: null } });
    for (const client of clients) {
      const response = await t.as(email).query("query($id: ID!) { client(id: $id) { id name } }", { id: client.id });
      if (visible.includes(client.tenant_code)) expect(response.data.client).toEqual({ id: client.id, name: client.name });
      else expect(response).toEqual(missing);
    }
  });

  it("children never include a tenant outside the visible set", async () => {
    const response = await t.as(email).query("{ me { tenant { parent { children { code } } children { code children { code } } } } }");
    expect(response.errors).toBeUndefined();
    const seen = JSON.stringify(response.data).match(/"code":"([A-Z-]+)"/g) ?? [];
    for (const match of seen) expect(visible).toContain(match.slice(8, -1));
  });
});

describe("tree order and paging", () => {
  it("head office pages through every tenant without gaps or repeats", async () => {
    const president = t.as("president@hq.demo");
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response: any = await president.query(
        "query($after: String) { tenants(first: 3, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }",
        { after },
      );
      seen.push(...response.data.tenants.edges.map((e: { node: TenantRow }) => e.node.code));
      after = response.data.tenants.pageInfo.hasNextPage ? response.data.tenants.pageInfo.endCursor : null;
    } while (after);
    expect(sorted(seen)).toEqual(sorted(VISIBLE_TENANTS["president@hq.demo"]));
    expect(seen[0]).toBe("HQ");
  });

  it("a city centre never sees its sibling's clients, even through paging", async () => {
    const consultant = t.as("consultant@cn-sz.demo");
    const response = await consultant.query("{ clients(first: 1) { edges { node { tenant { code } } } pageInfo { endCursor } } }");
    const next = await consultant.query(
      "query($after: String) { clients(first: 100, after: $after) { edges { node { tenant { code } } } } }",
      { after: response.data.clients.pageInfo.endCursor },
    );
    const codes = [...response.data.clients.edges, ...next.data.clients.edges].map((e: any) => e.node.tenant.code);
    expect(new Set(codes)).toEqual(new Set(["CN-SZ"]));
  });
});
