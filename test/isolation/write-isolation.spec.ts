import { errorCode, useTestApp } from "../support/test-app";
import { CLIENT_WRITERS, HOME_TENANT } from "../support/demo-network";

const t = useTestApp();

const CREATE_CLIENT = `mutation($input: CreateClientInput!) {
  createClient(input: $input) { id name industry contactName contactPhone needs tenant { code } }
}`;

/** Every client writer but two whose tenant kind and role others here already stand for (the load spec writes as all of them). */
const WRITERS_HERE = CLIENT_WRITERS.filter((email) => email !== "consultant@cn-sz.demo" && email !== "president@my.demo");

async function clientCount(): Promise<number> {
  const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients");
  return rows[0].n;
}

describe("createClient", () => {
  it.each(WRITERS_HERE)("%s creates a client in their own tenant, whatever the input says", async (email) => {
    const name = `Client of ${email}`;
    const response = await t.as(email).query(CREATE_CLIENT, {
      input: { name, industry: "Retail", contactName: "A. Person", contactPhone: "+86 21 1234 5678", needs: "Training" },
    });
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
    const response = await t.as(email).query(CREATE_CLIENT, { input: { name: "Should not exist" } });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(response.data).toBeNull();
    expect(await clientCount()).toBe(before);
  });

  it("a parent reads its child's new client but the child's sibling does not", async () => {
    const created = await t.as("staff@cn-sh.demo").query(CREATE_CLIENT, { input: { name: "Seen by the parent" } });
    const id = created.data.createClient.id;
    const query = "query($id: ID!) { client(id: $id) { name } }";
    expect((await t.as("president@cn.demo").query(query, { id })).data.client).toEqual({ name: "Seen by the parent" });
    expect((await t.as("president@cn-sz.demo").query(query, { id })).data.client).toBeNull();
    expect((await t.as("president@my.demo").query(query, { id })).data.client).toBeNull();
  });

  it("without a token it answers UNAUTHENTICATED and writes nothing", async () => {
    const before = await clientCount();
    const response = await t.graphql(CREATE_CLIENT, { input: { name: "Anonymous" } });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(await clientCount()).toBe(before);
  });
});
