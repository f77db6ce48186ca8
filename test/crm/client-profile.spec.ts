import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp();

/** Demo clients (DESIGN §6, src/demo-data/demo-data.ts), by the name the seed gives them. */
const PUDONG = demoId("client", "Shanghai Pudong Precision Machinery"); // CN-SH, tag "manufacturing"
const HUANGPU = demoId("client", "Huangpu Fresh Foods"); // CN-SH, tag "food processing"
const JINGAN = demoId("client", "Jing'an Digital Media"); // CN-SH, tag "media"

const userId = async (email: string): Promise<string> =>
  (await t.database.owner.query("SELECT id FROM users WHERE email = $1", [email])).rows[0].id;

const CLIENTS = `query($search: String, $industry: String, $consultantId: ID, $tag: String) {
  clients(search: $search, industry: $industry, consultantId: $consultantId, tag: $tag, first: 100) {
    totalCount edges { node { name tenant { code } } }
  }
}`;

/** The names `clients(...)` answers, oldest first; the total must agree with the page. */
async function clientNames(email: string, filters: Record<string, unknown>): Promise<string[]> {
  const response = await t.as(email).query(CLIENTS, filters);
  expect(response.errors).toBeUndefined();
  const names = response.data.clients.edges.map((e: { node: { name: string } }) => e.node.name);
  expect(response.data.clients.totalCount).toBe(names.length);
  return names;
}

const PROFILE = `query($id: ID!) { client(id: $id) {
  name industry companySize address needs tags consultant { email }
  contacts { name title phone email isPrimary }
  communications { channel summary occurredAt author { email } }
} }`;

const UPDATE = `mutation($id: ID!, $input: UpdateClientInput!) {
  updateClient(id: $id, input: $input) { id name industry tags consultant { email } }
}`;
const ADD_CONTACT = `mutation($id: ID!, $input: AddClientContactInput!) {
  addClientContact(clientId: $id, input: $input) { id name title phone email isPrimary }
}`;
const LOG = `mutation($id: ID!, $input: LogClientCommunicationInput!) {
  logClientCommunication(clientId: $id, input: $input) { id channel summary occurredAt author { email } }
}`;

/** Everything a CRM write could touch: the client row, its contacts and log, and the audit trail. */
async function crmState(clientId: string) {
  const db = t.database.owner;
  const one = async (sql: string) => (await db.query(sql, [clientId])).rows;
  return {
    client: await one("SELECT * FROM clients WHERE id = $1"),
    contacts: await one("SELECT * FROM client_contacts WHERE client_id = $1 ORDER BY id"),
    communications: await one("SELECT * FROM client_communications WHERE client_id = $1 ORDER BY id"),
    totals: (
      await db.query(
        `SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM client_contacts)::int AS contacts,
                (SELECT count(*) FROM client_communications)::int AS communications, (SELECT count(*) FROM audit_log)::int AS audit`,
      )
    ).rows[0],
  };
}

/** The three CRM writes on one client, each with a valid input. */
const WRITES: [string, string, Record<string, unknown>][] = [
  ["updateClient", UPDATE, { input: { name: "Renamed by an intruder", tags: ["x"] } }],
  ["addClientContact", ADD_CONTACT, { input: { name: "Intruder Contact", email: "intruder@example.com" } }],
  ["logClientCommunication", LOG, { input: { channel: "EMAIL", summary: "Intruder note" } }],
];

describe("clients filters", () => {
  it("search is a case-insensitive substring of the name, within the caller's visible tenants", async () => {
    expect(await clientNames("president@hq.demo", { search: "SDN bhd" })).toEqual(["KL Halal Foods Sdn Bhd", "Bangsar Software Sdn Bhd"]);
    expect(await clientNames("staff@cn-sh.demo", { search: "fresh" })).toEqual(["Huangpu Fresh Foods"]);
    expect(await clientNames("president@cn.demo", { search: "NANSHAN" })).toEqual(["Nanshan Electronics"]);
    expect(await clientNames("staff@cn-sh.demo", { search: "nanshan" })).toEqual([]);
  });

  it("search treats % and _ as plain characters, not wildcards", async () => {
    expect(await clientNames("president@hq.demo", { search: "%" })).toEqual([]);
    expect(await clientNames("president@hq.demo", { search: "_" })).toEqual([]);
  });

  it("industry returns exactly the clients of that industry", async () => {
    expect(await clientNames("president@hq.demo", { industry: "Food processing" })).toEqual(["Huangpu Fresh Foods", "KL Halal Foods Sdn Bhd"]);
    expect(await clientNames("president@cn-sz.demo", { industry: "Finance" })).toEqual(["Futian Fintech Labs"]);
  });

  it("tag matches a whole tag exactly: not a prefix, not another case", async () => {
    expect(await clientNames("president@hq.demo", { tag: "manufacturing" })).toEqual([
      "Shanghai Pudong Precision Machinery",
      "Petaling Rubber Industries",
    ]);
    expect(await clientNames("president@hq.demo", { tag: "manufactur" })).toEqual([]);
    expect(await clientNames("president@hq.demo", { tag: "Manufacturing" })).toEqual([]);
    expect(await clientNames("president@hq.demo", { tag: "food processing" })).toEqual(["Huangpu Fresh Foods", "KL Halal Foods Sdn Bhd"]);
  });

  it("a parent's tag filter covers its subtree but never a sibling subtree", async () => {
    expect(await clientNames("president@cn.demo", { tag: "manufacturing" })).toEqual(["Shanghai Pudong Precision Machinery"]);
    expect(await clientNames("president@my.demo", { tag: "manufacturing" })).toEqual(["Petaling Rubber Industries"]);
    expect(await clientNames("president@cn.demo", { tag: "food processing" })).toEqual(["Huangpu Fresh Foods"]);
    expect(await clientNames("president@my.demo", { tag: "food processing" })).toEqual(["KL Halal Foods Sdn Bhd"]);
    expect(await clientNames("president@cn.demo", { tag: "energy" })).toEqual(["Bao'an Green Energy"]);
    expect(await clientNames("president@my.demo", { tag: "energy" })).toEqual([]);
  });

  it("consultantId returns the clients that consultant is responsible for, and only visible ones", async () => {
    const sz = await userId("consultant@cn-sz.demo");
    const sh = await userId("consultant@cn-sh.demo");
    expect(await clientNames("president@cn.demo", { consultantId: sz })).toEqual(["Nanshan Electronics", "Futian Fintech Labs", "Bao'an Green Energy"]);
    expect(await clientNames("president@cn.demo", { consultantId: sh })).toEqual([
      "Shanghai Pudong Precision Machinery",
      "Huangpu Fresh Foods",
      "Jing'an Digital Media",
      "Minhang Logistics Group",
    ]);
    expect(await clientNames("president@cn-sh.demo", { consultantId: sz })).toEqual([]);
    expect(await clientNames("president@my.demo", { consultantId: sh })).toEqual([]);
  });

  it("filters combine: tag and search together narrow to the clients matching both", async () => {
    expect(await clientNames("president@hq.demo", { tag: "manufacturing", search: "rubber" })).toEqual(["Petaling Rubber Industries"]);
    expect(await clientNames("president@hq.demo", { tag: "media", search: "rubber" })).toEqual([]);
  });
});

describe("the client profile", () => {
  it("a demo client reads with its consultant, one contact, one PHONE communication with its author, and its industry tag", async () => {
    const response = await t.as("staff@cn-sh.demo").query(PROFILE, { id: JINGAN });
    expect(response.errors).toBeUndefined();
    expect(response.data.client).toMatchObject({
      name: "Jing'an Digital Media",
      tags: ["media"],
      consultant: { email: "consultant@cn-sh.demo" },
      contacts: [{ name: "Sun Li", title: "General manager", phone: "+86 21 5555 0103", email: null, isPrimary: true }],
      communications: [{ channel: "PHONE", summary: "First call: brand strategy and media training", author: { email: "staff@cn-sh.demo" } }],
    });
  });

  it("a parent reads a child's client profile, consultant and communication authors included", async () => {
    const response = await t.as("president@cn.demo").query(PROFILE, { id: PUDONG });
    expect(response.data.client).toMatchObject({
      consultant: { email: "consultant@cn-sh.demo" },
      contacts: [{ name: "Xu Gang" }],
      communications: [{ author: { email: "consultant@cn-sh.demo" } }],
    });
  });
});

describe("staff of a centre change their own client", () => {
  it("staff add a contact, and the next query lists it after the existing one", async () => {
    const added = await t.as("staff@cn-sh.demo").query(ADD_CONTACT, {
      id: HUANGPU,
      input: { name: "  Wu Fang  ", title: "Quality manager", phone: "+86 21 5555 0199", email: "wu.fang@huangpu.example" },
    });
    expect(added.errors).toBeUndefined();
    expect(added.data.addClientContact).toMatchObject({
      name: "Wu Fang",
      title: "Quality manager",
      phone: "+86 21 5555 0199",
      email: "wu.fang@huangpu.example",
      isPrimary: false,
    });
    const profile = await t.as("staff@cn-sh.demo").query(PROFILE, { id: HUANGPU });
    expect(profile.data.client.contacts.map((c: { name: string }) => c.name)).toEqual(["Gao Yan", "Wu Fang"]);
    const { rows } = await t.database.owner.query(
      "SELECT t.code FROM client_contacts c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1",
      [added.data.addClientContact.id],
    );
    expect(rows).toEqual([{ code: "CN-SH" }]);
  });

  it("a consultant logs a communication as its author, and the log lists it oldest first", async () => {
    const logged = await t.as("consultant@cn-sh.demo").query(LOG, {
      id: HUANGPU,
      input: { channel: "VISIT", summary: "Site visit: kitchen walk-through", occurredAt: "2026-02-10T03:00:00.000Z" },
    });
    expect(logged.errors).toBeUndefined();
    expect(logged.data.logClientCommunication).toMatchObject({
      channel: "VISIT",
      summary: "Site visit: kitchen walk-through",
      occurredAt: "2026-02-10T03:00:00.000Z",
      author: { email: "consultant@cn-sh.demo" },
    });
    const profile = await t.as("staff@cn-sh.demo").query(PROFILE, { id: HUANGPU });
    expect(profile.data.client.communications).toEqual([
      expect.objectContaining({ channel: "PHONE", author: { email: "consultant@cn-sh.demo" } }),
      expect.objectContaining({ channel: "VISIT", summary: "Site visit: kitchen walk-through", author: { email: "consultant@cn-sh.demo" } }),
    ]);
  });

  it("a communication without occurredAt is dated now", async () => {
    const before = Date.now();
    const logged = await t.as("staff@cn-sh.demo").query(LOG, { id: JINGAN, input: { channel: "EMAIL", summary: "Sent the brochure" } });
    expect(logged.errors).toBeUndefined();
    const at = Date.parse(logged.data.logClientCommunication.occurredAt);
    expect(at).toBeGreaterThanOrEqual(before - 5_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(logged.data.logClientCommunication.author).toEqual({ email: "staff@cn-sh.demo" });
  });

  it("staff update their client's profile: the change is visible in the next query and in the filters", async () => {
    const created = await t.as("staff@cn-sh.demo").query(`mutation { createClient(input: { name: "Xuhui Textile Works", industry: "Textiles", tags: ["textiles"] }) { id } }`);
    const id = created.data.createClient.id;
    const updated = await t.as("staff@cn-sh.demo").query(UPDATE, {
      id,
      input: {
        name: "  Xuhui Textile Group  ",
        industry: "Apparel",
        companySize: "MEDIUM",
        address: "88 Caoxi Road",
        tags: ["apparel", "export"],
        consultantId: await userId("consultant@cn-sh.demo"),
      },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateClient).toEqual({
      id,
      name: "Xuhui Textile Group",
      industry: "Apparel",
      tags: ["apparel", "export"],
      consultant: { email: "consultant@cn-sh.demo" },
    });
    const profile = await t.as("president@cn-sh.demo").query(PROFILE, { id });
    expect(profile.data.client).toMatchObject({
      name: "Xuhui Textile Group",
      industry: "Apparel",
      companySize: "MEDIUM",
      address: "88 Caoxi Road",
      tags: ["apparel", "export"],
      consultant: { email: "consultant@cn-sh.demo" },
    });
    expect(await clientNames("president@cn.demo", { tag: "export" })).toEqual(["Xuhui Textile Group"]);
    expect(await clientNames("president@cn.demo", { tag: "textiles" })).toEqual([]);
    expect(await clientNames("president@cn-sz.demo", { tag: "export" })).toEqual([]);
  });

  it("an update leaves omitted fields as they are", async () => {
    const before = (await t.as("staff@cn-sh.demo").query(PROFILE, { id: JINGAN })).data.client;
    const updated = await t.as("staff@cn-sh.demo").query(UPDATE, { id: JINGAN, input: { address: "1 Nanjing West Road" } });
    expect(updated.errors).toBeUndefined();
    const after = (await t.as("staff@cn-sh.demo").query(PROFILE, { id: JINGAN })).data.client;
    expect(after).toEqual({ ...before, address: "1 Nanjing West Road" });
  });

  it("an explicit null name leaves the name as it is, null tags clear the tags, null industry clears it", async () => {
    const before = (await t.as("staff@cn-sh.demo").query(PROFILE, { id: JINGAN })).data.client;
    const updated = await t.as("staff@cn-sh.demo").query(UPDATE, { id: JINGAN, input: { name: null, tags: null, industry: null } });
    expect(updated.errors).toBeUndefined();
    const after = (await t.as("staff@cn-sh.demo").query(PROFILE, { id: JINGAN })).data.client;
    expect(after).toEqual({ ...before, tags: [], industry: null });
  });
});

describe("who may not change a client", () => {
  it.each(WRITES)("a sibling centre gets NOT_FOUND for %s on a CN-SH client and nothing is written", async (_name, mutation, variables) => {
    const before = await crmState(PUDONG);
    const response = await t.as("president@cn-sz.demo").query(mutation, { id: PUDONG, ...variables });
    expect(errorCode(response)).toBe("NOT_FOUND");
    expect(response.data).toBeNull();
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(WRITES)("a parent gets FORBIDDEN for %s on its child's client and nothing is written", async (_name, mutation, variables) => {
    const before = await crmState(PUDONG);
    const response = await t.as("president@cn.demo").query(mutation, { id: PUDONG, ...variables });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(response.data).toBeNull();
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(WRITES)("the auditor gets FORBIDDEN for %s and nothing is written", async (_name, mutation, variables) => {
    const before = await crmState(PUDONG);
    const response = await t.as("auditor@hq.demo").query(mutation, { id: PUDONG, ...variables });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(response.data).toBeNull();
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(WRITES)("a partner (which serves no clients) gets FORBIDDEN for %s and nothing is written", async (_name, mutation, variables) => {
    const before = await crmState(PUDONG);
    const response = await t.as("admin@cn-sh-cert.demo").query(mutation, { id: PUDONG, ...variables });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(WRITES)("without a token %s is UNAUTHENTICATED and nothing is written", async (_name, mutation, variables) => {
    const before = await crmState(PUDONG);
    const response = await t.graphql(mutation, { id: PUDONG, ...variables });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(WRITES)("an id that does not exist is NOT_FOUND for %s", async (_name, mutation, variables) => {
    const response = await t.as("staff@cn-sh.demo").query(mutation, { id: "00000000-0000-4000-8000-000000000000", ...variables });
    expect(errorCode(response)).toBe("NOT_FOUND");
  });
});

describe("bad CRM input is BAD_USER_INPUT and writes nothing", () => {
  it.each([
    ["a member of a sibling centre", "consultant@cn-sz.demo"],
    ["a member of the parent centre", "president@cn.demo"],
    ["the head-office auditor", "auditor@hq.demo"],
  ])("consultantId naming %s, not a member of the tenant", async (_who, email) => {
    const before = await crmState(PUDONG);
    const response = await t.as("staff@cn-sh.demo").query(UPDATE, { id: PUDONG, input: { consultantId: await userId(email), name: "Should not stick" } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it("consultantId naming no user at all, or not an id", async () => {
    const before = await crmState(PUDONG);
    for (const consultantId of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const response = await t.as("staff@cn-sh.demo").query(UPDATE, { id: PUDONG, input: { consultantId } });
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    }
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(["", "   ", "\n\t"])("a blank communication summary (%j)", async (summary) => {
    const before = await crmState(PUDONG);
    const response = await t.as("staff@cn-sh.demo").query(LOG, { id: PUDONG, input: { channel: "PHONE", summary } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it.each(["not-an-email", "a@", "two@@example.com"])("an invalid contact email (%s)", async (email) => {
    const before = await crmState(PUDONG);
    const response = await t.as("staff@cn-sh.demo").query(ADD_CONTACT, { id: PUDONG, input: { name: "Valid Name", email } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it("a blank contact name, a bad phone, a blank client name or a malformed tag", async () => {
    const before = await crmState(PUDONG);
    const attempts: [string, Record<string, unknown>][] = [
      [ADD_CONTACT, { input: { name: "  " } }],
      [ADD_CONTACT, { input: { name: "Valid Name", phone: "call me" } }],
      [UPDATE, { input: { name: "   " } }],
      [UPDATE, { input: { tags: ["-leading-dash"] } }],
    ];
    for (const [mutation, variables] of attempts) {
      expect(errorCode(await t.as("staff@cn-sh.demo").query(mutation, { id: PUDONG, ...variables }))).toBe("BAD_USER_INPUT");
    }
    expect(await crmState(PUDONG)).toEqual(before);
  });

  it("an explicit null for a required contact flag is BAD_USER_INPUT", async () => {
    const before = await crmState(PUDONG);
    const response = await t.as("staff@cn-sh.demo").query(ADD_CONTACT, { id: PUDONG, input: { name: "Valid Name", isPrimary: null } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await crmState(PUDONG)).toEqual(before);
  });
});
