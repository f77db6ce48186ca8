import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { useSmtpInbox } from "../support/smtp-inbox";

const t = useTestApp({ PUBLIC_URL: "https://linkpass.test", MAIL_DELIVERY_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const inbox = useSmtpInbox();

const OPEN = `mutation Open($input: OpenCentreInput!) { openCentre(input: $input) {
  id status level subjectType tenant { code } requester { email } currentStep { tenant { code } minAuthorityLevel } } }`;
const DECIDE = `mutation Decide($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { id status } }`;
const INVITE = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { id tenant { code } } }`;
const ACCEPT = `mutation Accept($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`;
const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `{ me { user { email } membership { role department } tenant { code kind parent { code } } } }`;
const TENANTS = `{ tenants(first: 100) { edges { node { id code } } } }`;

const centre = (kind: string, code: string, email: string, legal = true) => ({
  kind,
  code,
  name: `Centre ${code}`,
  ...(legal ? { registrationNumber: `REG-${code}`, legalRepresentative: "Li Wei" } : {}),
  firstAdmin: { email, displayName: `First admin of ${code}` },
});
const tenantRow = async (code: string) => (await t.database.owner.query("SELECT id, status, kind, parent_id, depth FROM tenants WHERE code = $1", [code])).rows[0];
const count = async (table: string, where = "true", params: unknown[] = []) =>
  (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;
const codesReadBy = async (email: string) => (await t.as(email).data(TENANTS)).tenants.edges.map((e: any) => e.node.code) as string[];

/** Invites and accepts a member with the demo password, so `t.as(email)` works. */
async function join(inviter: string, email: string, role: string, department = "MANAGEMENT"): Promise<void> {
  await t.as(inviter).data(INVITE, { input: { email, displayName: email, role, department } });
  await inbox.deliver(t.app.dataSource);
  const accepted = await t.graphql(ACCEPT, { token: inbox.tokenSentTo(email), password: DEMO_PASSWORD });
  if (!accepted.data) throw new Error(JSON.stringify(accepted.errors));
}

beforeAll(async () => {
  await join("president@hq.demo", "deputy@hq.test", "DEPUTY");
  await join("president@cn.demo", "deputy@cn.test", "DEPUTY");
  await join("president@cn.demo", "management@cn.test", "DEPARTMENT_HEAD", "MANAGEMENT");
});

describe("opening centres", () => {
  it("head office opens a national centre: its president approves, the first administrator is invited by e-mail, accepts, logs in and acts as president of the new centre", async () => {
    const { openCentre } = await t.as("deputy@hq.test").data(OPEN, { input: centre("NATIONAL_CENTRE", "TH", "admin@th.test", false) });
    expect(openCentre).toMatchObject({
      status: "PENDING",
      level: 1,
      subjectType: "CENTRE_OPENING",
      tenant: { code: "HQ" },
      requester: { email: "deputy@hq.test" },
      currentStep: { tenant: { code: "HQ" }, minAuthorityLevel: 1 },
    });
    expect(await tenantRow("TH")).toMatchObject({ status: "APPLIED", kind: "NATIONAL_CENTRE", depth: 1 });
    expect(await codesReadBy("president@hq.demo")).toContain("TH");
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("admin@th.test")).toBeUndefined();

    expect(errorCode(await t.as("deputy@hq.test").query(DECIDE, { id: openCentre.id, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await t.as("president@hq.demo").data(DECIDE, { id: openCentre.id, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    expect((await tenantRow("TH")).status).toBe("ACTIVE");

    expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 1, failed: 0 });
    const mail = inbox.lastTo("admin@th.test")!;
    expect(mail.subject).toContain("Centre TH");
    const accepted = await t.graphql(ACCEPT, { token: inbox.tokenSentTo("admin@th.test"), password: "the new centre's own passphrase" });
    expect(accepted.data.acceptInvitation.token).toEqual(expect.any(String));
    const login = await t.graphql(LOGIN, { email: "admin@th.test", password: "the new centre's own passphrase" });
    const token = login.data.login.token;
    expect((await t.graphql(ME, {}, { token })).data.me).toEqual({
      user: { email: "admin@th.test" },
      membership: { role: "PRESIDENT", department: "MANAGEMENT" },
      tenant: { code: "TH", kind: "NATIONAL_CENTRE", parent: { code: "HQ" } },
    });
    const invited = await t.graphql(INVITE, { input: { email: "deputy@th.test", displayName: "Deputy of TH", role: "DEPUTY", department: "MANAGEMENT" } }, { token });
    expect(invited.data.inviteMember.tenant.code).toBe("TH");
    const tenants = (await t.graphql(TENANTS, {}, { token })).data.tenants.edges.map((e: any) => e.node.code);
    expect(tenants).toContain("TH");
    expect(tenants).not.toContain("CN");
    const report = await t.as("president@hq.demo").data(`{ networkReport { rows { tenant { code } clients cases } } }`);
    expect(report.networkReport.rows).toContainEqual({ tenant: { code: "TH" }, clients: 0, cases: 0 });
  });

  it("a national centre opens a city centre and an affiliated company; a sibling never sees them, proposed or opened", async () => {
    const city = (await t.as("management@cn.test").data(OPEN, { input: centre("CITY_CENTRE", "CN-GZ", "admin@cn-gz.test", false) })).openCentre;
    const company = (await t.as("deputy@cn.test").data(OPEN, { input: centre("AFFILIATED_COMPANY", "CN-MEDIA", "admin@cn-media.test") })).openCentre;
    const gz = await tenantRow("CN-GZ");
    const readOne = (email: string) => t.as(email).data(`query($id: ID!) { tenant(id: $id) { code } node(id: $id) { id } }`, { id: gz.id });
    for (const sibling of ["president@my.demo", "president@cn-sh.demo", "admin@cn-it.demo", "consultant@my-kl.demo"]) {
      expect(await codesReadBy(sibling)).not.toContain("CN-GZ");
      expect(await readOne(sibling)).toEqual({ tenant: null, node: null });
    }
    expect(await codesReadBy("president@hq.demo")).toEqual(expect.arrayContaining(["CN-GZ", "CN-MEDIA"]));
    expect(await codesReadBy("president@cn.demo")).toEqual(expect.arrayContaining(["CN-GZ", "CN-MEDIA"]));

    for (const request of [city, company]) {
      expect((await t.as("president@cn.demo").data(DECIDE, { id: request.id, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    }
    expect(await tenantRow("CN-MEDIA")).toMatchObject({ status: "ACTIVE", kind: "AFFILIATED_COMPANY", parent_id: (await tenantRow("CN")).id });
    for (const sibling of ["president@my.demo", "president@cn-sh.demo"]) {
      expect(await codesReadBy(sibling)).not.toContain("CN-GZ");
      expect(await readOne(sibling)).toEqual({ tenant: null, node: null });
    }
    await inbox.deliver(t.app.dataSource);
    await t.graphql(ACCEPT, { token: inbox.tokenSentTo("admin@cn-gz.test"), password: DEMO_PASSWORD });
    expect((await t.as("admin@cn-gz.test").data(ME)).me.tenant).toEqual({ code: "CN-GZ", kind: "CITY_CENTRE", parent: { code: "CN" } });
    expect(await codesReadBy("admin@cn-gz.test")).not.toContain("CN-SH");
    expect((await t.as("admin@cn-gz.test").data(`mutation { createClient(input: { name: "First client of Guangzhou" }) { tenant { code } } }`)).createClient.tenant.code).toBe("CN-GZ");
    expect(await codesReadBy("president@hq.demo")).toContain("CN-GZ");
  });

  it("an affiliated company without its registration number and legal representative is BAD_USER_INPUT naming both fields, and nothing is written", async () => {
    const before = [await count("tenants"), await count("approval_requests")];
    const response = await t.as("deputy@cn.test").query(OPEN, { input: { ...centre("AFFILIATED_COMPANY", "CN-NOREG", "admin@cn-noreg.test", false), registrationNumber: " " } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect((response.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(["legalRepresentative", "registrationNumber"]);
    expect([await count("tenants"), await count("approval_requests")]).toEqual(before);
  });

  it.each([
    ["a city centre opens nothing", "president@cn-sh.demo", "CITY_CENTRE", "FORBIDDEN"],
    ["an affiliated company opens nothing", "admin@cn-it.demo", "CITY_CENTRE", "FORBIDDEN"],
    ["a partner opens nothing", "admin@cn-sh-cert.demo", "CITY_CENTRE", "FORBIDDEN"],
    ["head office opens no city centre", "deputy@hq.test", "CITY_CENTRE", "FORBIDDEN"],
    ["a national centre opens no national centre", "deputy@cn.test", "NATIONAL_CENTRE", "FORBIDDEN"],
    ["a finance head does not propose", "finance@cn.demo", "CITY_CENTRE", "FORBIDDEN"],
    ["an auditor does not propose", "auditor@hq.demo", "NATIONAL_CENTRE", "FORBIDDEN"],
    ["a partner is registered, not opened", "deputy@cn.test", "PARTNER", "BAD_USER_INPUT"],
  ])("%s", async (_rule, email, kind, code) => {
    const before = await count("tenants");
    expect(errorCode(await t.as(email).query(OPEN, { input: centre(kind, `X-${kind.replace(/_/g, "")}`, "nobody@x.test") }))).toBe(code);
    expect(await count("tenants")).toBe(before);
  });

  it("the requester never decides their own opening, even as president; another president does", async () => {
    await join("president@cn.demo", "second.president@cn.test", "PRESIDENT");
    const { openCentre } = await t.as("president@cn.demo").data(OPEN, { input: centre("CITY_CENTRE", "CN-WH", "admin@cn-wh.test") });
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: openCentre.id, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await tenantRow("CN-WH")).status).toBe("APPLIED");
    expect(errorCode(await t.as("deputy@cn.test").query(DECIDE, { id: openCentre.id, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await t.as("second.president@cn.test").data(DECIDE, { id: openCentre.id, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    expect((await tenantRow("CN-WH")).status).toBe("ACTIVE");
  });

  it("a rejected opening never activates the centre nor invites anyone, and a taken code is CONFLICT", async () => {
    const { openCentre } = await t.as("deputy@cn.test").data(OPEN, { input: centre("CITY_CENTRE", "CN-XA", "admin@cn-xa.test") });
    await t.as("president@cn.demo").data(DECIDE, { id: openCentre.id, decision: "REJECT", reason: "Not this year" });
    expect((await tenantRow("CN-XA")).status).toBe("TERMINATED");
    expect(await count("invitations", "email = 'admin@cn-xa.test'")).toBe(0);
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("admin@cn-xa.test")).toBeUndefined();
    expect(errorCode(await t.as("deputy@cn.test").query(OPEN, { input: centre("CITY_CENTRE", "CN-SH", "admin@again.test") }))).toBe("CONFLICT");
  });

  it("the parent cannot activate a proposed centre or invite into it outside an approved opening (row-level security)", async () => {
    await t.as("deputy@cn.test").data(OPEN, { input: centre("CITY_CENTRE", "CN-CD", "admin@cn-cd.test") });
    const cd = await tenantRow("CN-CD");
    const session = await t.app.dataSource.createQueryRunner();
    try {
      await session.connect();
      await session.startTransaction();
      const [{ id: userId }] = await session.query("SELECT id FROM users WHERE email = 'president@cn.demo'");
      await session.query("SELECT 1 FROM app.enter_request($1, NULL, 'probe')", [userId]);
      await session.query("SET LOCAL ROLE linkpass_app");
      expect((await session.query("UPDATE tenants SET status = 'ACTIVE' WHERE id = $1 RETURNING id", [cd.id]))[1]).toBe(0);
      await expect(
        session.query(
          "INSERT INTO invitations (tenant_id, email, display_name, role, department, token_hash, expires_at, invited_by) VALUES ($1, 'admin@cn-cd.test', 'x', 'PRESIDENT', 'MANAGEMENT', 'h', now() + interval '1 day', $2)",
          [cd.id, userId],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await session.rollbackTransaction();
      await session.release();
    }
    expect((await tenantRow("CN-CD")).status).toBe("APPLIED");
  });
});
