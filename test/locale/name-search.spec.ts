import { requestTransactions } from "../../src/db/request-transaction";
import { Client } from "../../src/modules/crm/client.entity";
import { CLIENT_NAME_PAIRS } from "../../src/modules/crm/client.service";
import { whereNameHolds } from "../../src/shared/name-search";
import { useTestApp } from "../support/test-app";

const t = useTestApp();

const CREATE = `mutation($name: String!) { createClient(input: { name: $name }) { id } }`;
const CLIENTS = `query($search: String) { clients(search: $search, first: 100) { totalCount edges { node { name tenant { code } } } } }`;

async function clientNames(email: string, search: string): Promise<string[]> {
  const { clients } = await t.as(email).data(CLIENTS, { search });
  return clients.edges.map((edge: { node: { name: string } }) => edge.node.name).sort();
}

beforeAll(async () => {
  for (const name of ["廣州天河精密機械", "广州白云食品", "ＡＢＣ Trading 上海", "臺北書店"]) {
    await t.as("consultant@cn-sh.demo").data(CREATE, { name });
  }
  await t.as("consultant@cn-sz.demo").data(CREATE, { name: "廣州南沙物流" });
});

describe("name search folds Chinese script, case and width", () => {
  it("a Simplified query finds Traditional names and the reverse", async () => {
    expect(await clientNames("consultant@cn-sh.demo", "广州")).toEqual(["广州白云食品", "廣州天河精密機械"].sort());
    expect(await clientNames("consultant@cn-sh.demo", "廣州")).toEqual(["广州白云食品", "廣州天河精密機械"].sort());
    expect(await clientNames("consultant@cn-sh.demo", "台北")).toEqual(["臺北書店"]);
    expect(await clientNames("consultant@cn-sh.demo", "精密机械")).toEqual(["廣州天河精密機械"]);
  });

  it("case and full-width or half-width forms do not matter", async () => {
    expect(await clientNames("consultant@cn-sh.demo", "abc")).toEqual(["ＡＢＣ Trading 上海"]);
    expect(await clientNames("consultant@cn-sh.demo", "ｔｒａｄｉｎｇ")).toEqual(["ＡＢＣ Trading 上海"]);
    expect(await clientNames("consultant@cn-sh.demo", "PUDONG")).toEqual(["Shanghai Pudong Precision Machinery"]);
  });

  it("a substring matches only in its order, and LIKE's wildcards are plain characters", async () => {
    expect(await clientNames("consultant@cn-sh.demo", "州广")).toEqual([]);
    expect(await clientNames("consultant@cn-sh.demo", "%")).toEqual([]);
    expect(await clientNames("consultant@cn-sh.demo", "广_")).toEqual([]);
  });

  it("search never crosses a tenant boundary: a city centre never finds its sibling's clients", async () => {
    expect(await clientNames("consultant@cn-sz.demo", "广州")).toEqual(["廣州南沙物流"]);
    expect(await clientNames("consultant@cn-sh.demo", "南沙")).toEqual([]);
    expect(await clientNames("president@cn.demo", "广州")).toEqual(["广州白云食品", "廣州天河精密機械", "廣州南沙物流"].sort());
    expect(await clientNames("consultant@my-kl.demo", "广州")).toEqual([]);
  });

  it("tenants, partners and cases are searched by the same folded key, kept by every write of the name", async () => {
    const db = t.database.owner;
    await db.query("UPDATE tenants SET name = '上海質量認證有限公司' WHERE code = 'CN-SH-CERT'");
    await db.query("UPDATE service_cases SET title = '廣州工廠 ISO 9001 認證' WHERE id = (SELECT id FROM service_cases WHERE tenant_id = (SELECT id FROM tenants WHERE code = 'CN-SH') ORDER BY opened_at LIMIT 1)");
    const president = t.as("president@cn-sh.demo");
    const tenants = await president.data(`{ tenants(search: "质量认证") { edges { node { code } } } }`);
    expect(tenants.tenants.edges.map((edge: { node: { code: string } }) => edge.node.code)).toEqual(["CN-SH-CERT"]);
    const partners = await president.data(`{ partners(search: "認證") { edges { node { tenant { code } } } } }`);
    expect(partners.partners.edges.map((edge: { node: { tenant: { code: string } } }) => edge.node.tenant.code)).toEqual(["CN-SH-CERT"]);
    const cases = await president.data(`{ serviceCases(search: "广州工厂") { edges { node { title } } } }`);
    expect(cases.serviceCases.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(["廣州工廠 ISO 9001 認證"]);
    expect((await t.as("president@cn-sz.demo").data(`{ serviceCases(search: "广州工厂") { totalCount } }`)).serviceCases.totalCount).toBe(0);
  });
});

describe("the search index", () => {
  it("serves a two-character CJK query under row-level security, as a request runs it", async () => {
    const { rows } = await t.database.owner.query("SELECT id FROM users WHERE email = 'president@hq.demo'");
    const { transaction } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember({ userId: rows[0].id, sessionVersion: 1, requestId: "name-search-plan" });
    try {
      const page = whereNameHolds(transaction.manager.getRepository(Client).createQueryBuilder("c").select("c.id"), "c", "广州", CLIENT_NAME_PAIRS);
      const [sql, parameters] = page.orderBy("c.created_at").addOrderBy("c.id").limit(21).getQueryAndParameters();
      // The demo database is too small for the planner to prefer any index; what matters is that the policies leave it usable.
      await transaction.manager.query("SET LOCAL enable_seqscan = off");
      const plan = (await transaction.manager.query(`EXPLAIN ${sql}`, parameters)).map((row: { "QUERY PLAN": string }) => row["QUERY PLAN"]).join("\n");
      // Under RLS only leakproof conditions reach an index: text equality does, array containment and LIKE would not.
      expect(plan).toMatch(/Index (Only )?Scan (using|on) client_name_pairs_in_list_order[^\n]*\s+Index Cond: \(pair = '广州'::text\)/);
    } finally {
      await transaction.finish("rollback");
    }
  });
});
