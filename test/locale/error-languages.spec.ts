import { randomUUID } from "node:crypto";
import { demoId } from "../../src/demo-data/demo-data";
import { GraphQLResponse, useTestApp } from "../support/test-app";

const t = useTestApp();

const PUDONG = demoId("client", "Shanghai Pudong Precision Machinery"); // CN-SH
const UPDATE_CLIENT = `mutation($id: ID!) { updateClient(id: $id, input: { industry: "Machinery" }) { id } }`;

/** What each language answers for one refusal; extensions.code and field names are the same in all three. */
interface Refusal {
  code: string;
  run(acceptLanguage: string): Promise<GraphQLResponse>;
  messages: Record<"en" | "zh-CN" | "zh-TW", string>;
  fields?: Record<"en" | "zh-CN" | "zh-TW", { field: string; message: string }[]>;
}

const as = async (email: string | null, query: string, variables: Record<string, unknown>, acceptLanguage: string) =>
  t.graphql(query, variables, { token: email ? await t.login(email) : undefined, headers: { "accept-language": acceptLanguage } });

const REFUSALS: Refusal[] = [
  {
    code: "UNAUTHENTICATED",
    run: (language) => as(null, "{ me { user { id } } }", {}, language),
    messages: { en: "Authentication required", "zh-CN": "需要登录", "zh-TW": "需要登入" },
  },
  {
    code: "FORBIDDEN",
    run: (language) => as("president@cn.demo", UPDATE_CLIENT, { id: PUDONG }, language),
    messages: {
      en: "This client belongs to another tenant; it can be read, not changed",
      "zh-CN": "此客户属于其他租户，只能查看，不能修改",
      "zh-TW": "此客戶屬於其他租戶，只能檢視，不能修改",
    },
  },
  {
    code: "NOT_FOUND",
    run: (language) => as("president@cn-sh.demo", UPDATE_CLIENT, { id: randomUUID() }, language),
    messages: { en: "Client not found", "zh-CN": "未找到客户", "zh-TW": "未找到客戶" },
  },
  {
    code: "BAD_USER_INPUT",
    run: (language) => as("president@cn-sh.demo", `mutation { createClient(input: { name: "   " }) { id } }`, {}, language),
    messages: { en: "Argument validation failed", "zh-CN": "参数校验失败", "zh-TW": "參數校驗失敗" },
    fields: {
      en: [{ field: "name", message: "name must not be blank" }],
      "zh-CN": [{ field: "name", message: "name 不能为空" }],
      "zh-TW": [{ field: "name", message: "name 不能為空" }],
    },
  },
  {
    code: "CONFLICT",
    run: (language) =>
      as(
        "president@cn-sh.demo",
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
        { input: { email: "staff@cn-sh.demo", displayName: "Staff", role: "CONSULTANT", department: "MANAGEMENT" } },
        language,
      ),
    messages: {
      en: "This address is already an active member of the tenant",
      "zh-CN": "该地址已是此租户的在职成员",
      "zh-TW": "該地址已是此租戶的在職成員",
    },
  },
];

const HEADERS: Record<"en" | "zh-CN" | "zh-TW", string> = { en: "en-US,en;q=0.9", "zh-CN": "zh-CN,zh;q=0.9,en;q=0.8", "zh-TW": "zh-TW,zh;q=0.9" };

describe.each(REFUSALS)("$code in three languages", (refusal) => {
  it.each(Object.keys(HEADERS) as (keyof typeof HEADERS)[])("%s: the message is translated, the code and the field names are not", async (language) => {
    const response = await refusal.run(HEADERS[language]);
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error.extensions?.code).toBe(refusal.code);
    expect(error.message).toBe(refusal.messages[language]);
    if (refusal.fields) expect(error.extensions?.fields).toEqual(refusal.fields[language]);
  });
});

describe("the language of a request", () => {
  it("is English without Accept-Language, and for a language we do not write", async () => {
    expect((await t.graphql("{ me { user { id } } }")).errors?.[0].message).toBe("Authentication required");
    expect((await as(null, "{ me { user { id } } }", {}, "fr-FR,de;q=0.8")).errors?.[0].message).toBe("Authentication required");
  });

  it("follows q-values and script or region fallbacks (zh-Hant, zh-HK → Traditional; zh-Hans, zh-SG → Simplified)", async () => {
    for (const [header, message] of [
      ["en;q=0.5, zh-HK;q=0.8", "需要登入"],
      ["zh-Hant", "需要登入"],
      ["zh-MO", "需要登入"],
      ["zh-Hans-HK", "需要登录"],
      ["zh-SG", "需要登录"],
      ["fr, zh;q=0.1", "需要登录"],
      ["zh-TW;q=0, en", "Authentication required"],
    ]) {
      expect({ header, message: (await as(null, "{ me { user { id } } }", {}, header)).errors?.[0].message }).toEqual({ header, message });
    }
  });

  it("sets the messages refused outside GraphQL too: a body that is not JSON, and a CSV report's bad input", async () => {
    const answer = await fetch(t.app.url, { method: "POST", headers: { "content-type": "application/json", "accept-language": "zh-TW" }, body: "{" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("vary")?.toLowerCase()).toContain("accept-language");
    expect(await answer.json()).toEqual({ errors: [{ message: "請求本文不是有效的 JSON", extensions: { code: "BAD_REQUEST" } }] });

    const csv = await t.as("president@hq.demo").get("/reports/network-report.csv?tenantKind=NOT_A_KIND", { "accept-language": "zh-CN" });
    expect(csv.status).toBe(400);
    expect(await csv.json()).toEqual({
      errors: [{ message: "tenantKind 不是有效的租户类型", extensions: { code: "BAD_USER_INPUT", fields: [{ field: "tenantKind", message: "tenantKind 不是有效的租户类型" }] } }],
    });
  });
});

describe("graphql-js's own refusals", () => {
  it("are translated where a catalogue template recognises them, with their code", async () => {
    const response = await as("president@cn-sh.demo", "{ clients { edges { node { nosuchfield } } } }", {}, "zh-TW");
    expect(response.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.errors?.[0].message).toMatch(/^類型「Client」上沒有欄位「nosuchfield」。/);
  });
});
