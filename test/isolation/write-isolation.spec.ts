import { TestApp, errorCode, startTestApp } from "../support/test-app";
import { HOME_TENANT } from "../support/demo-network";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const CREATE_CLIENT = `mutation($input: CreateClientInput!) {
  createClient(input: $input) { id name industry contactName contactPhone needs tenant { code } }
}`;

async function clientCount(): Promise<number> {
  const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients");
  return rows[0].n;
}

describe("createClient", () => {
  it.each([
    "president@cn.demo",
    "finance@cn.demo",
    "president@cn-sh.demo",
    "staff@cn-sh.demo",
    "consultant@cn-sh.demo",
    "president@cn-sz.demo",
    "consultant@my-kl.demo",
    "admin@cn-it.demo",
  ])("%s creates a client in their own tenant, whatever the input says", async (email) => {
    const token = await t.login(email);
    const name = `Client of ${email}`;
    const response = await t.graphql(
      CREATE_CLIENT,
      { input: { name, industry: "Retail", contactName: "A. Person", contactPhone: "+86 21 1234 5678", needs: "Training" } },
      { token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.createClient).toMatchObject({ name, industry: "Retail", tenant: { code: HOME_TENANT[email] } });
    const { rows } = await t.database.owner.query(
      "SELECT t.code, c.created_by FROM clients c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1",
      [response.data.createClient.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].code).toBe(HOME_TENANT[email]);
  });

  it.each([
    ["auditor@hq.demo", "auditors only read"],
    ["president@hq.demo", "head office serves no clients itself"],
    ["admin@cn-sh-cert.demo", "partners have no clients of the network"],
  ])("%s is refused (%s) and nothing is written", async (email) => {
    const before = await clientCount();
    const response = await t.graphql(CREATE_CLIENT, { input: { name: "Should not exist" } }, { token: await t.login(email) });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(response.data).toBeNull();
    expect(await clientCount()).toBe(before);
  });

  it("a parent reads its child's new client but the child's sibling does not", async () => {
    const created = await t.graphql(CREATE_CLIENT, { input: { name: "Seen by the parent" } }, { token: await t.login("staff@cn-sh.demo") });
    const id = created.data.createClient.id;
    const query = "query($id: ID!) { client(id: $id) { name } }";
    expect((await t.graphql(query, { id }, { token: await t.login("president@cn.demo") })).data.client).toEqual({ name: "Seen by the parent" });
    expect((await t.graphql(query, { id }, { token: await t.login("president@cn-sz.demo") })).data.client).toBeNull();
    expect((await t.graphql(query, { id }, { token: await t.login("president@my.demo") })).data.client).toBeNull();
  });

  it("without a token it answers UNAUTHENTICATED and writes nothing", async () => {
    const before = await clientCount();
    const response = await t.graphql(CREATE_CLIENT, { input: { name: "Anonymous" } });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(await clientCount()).toBe(before);
  });
});
