import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { approvalRequestOf } from "../support/owner-rows";
import { DECIDE, FILE, PARTNER_CARD, REGISTER, SUBMIT_FILE, registerPartner, registration } from "../support/partner-network";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const count = async (table: string, where = "true", params: unknown[] = []) =>
  (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;
const INBOX = `{ approvalInbox(first: 100) { edges { node { id subjectType tenant { code } } } } }`;

describe("registering a partner", () => {
  it("a city centre's president registers a partner: an APPLIED child tenant with its archive card and a first administrator who can log in", async () => {
    const data = await t.as("president@cn-sh.demo").data(REGISTER, { input: registration("SH-TRAIN", "Admin@SH-Train.test") });
    expect(data.registerPartner).toEqual({
      id: expect.any(String),
      status: "APPLIED",
      partnerType: "SERVICE_PROVIDER",
      contactEmail: "admin@sh-train.test",
      tenant: { code: "SH-TRAIN", kind: "PARTNER" },
    });
    const id = data.registerPartner.id;
    const { rows } = await t.database.owner.query("SELECT parent_id, path, depth, status FROM tenants WHERE id = $1", [id]);
    const parent = (await t.database.owner.query("SELECT path, depth FROM tenants WHERE code = 'CN-SH'")).rows[0];
    expect(rows[0]).toEqual({ parent_id: demoId("tenant", "CN-SH"), path: `${parent.path}${id}/`, depth: parent.depth + 1, status: "APPLIED" });

    const me = await t.as("admin@sh-train.test").query("{ me { membership { role authorityLevel } tenant { code } } }");
    expect(me.data.me).toEqual({ membership: { role: "PRESIDENT", authorityLevel: 1 }, tenant: { code: "SH-TRAIN" } });
  });

  it.each([
    ["code", { code: "sh-lower" }],
    ["code", { code: "SH--DOUBLE" }],
    ["adminPassword", { adminPassword: "short-pass" }],
    ["adminEmail", { adminEmail: "not-an-email" }],
    ["name", { name: "  " }],
    ["serviceScope", { serviceScope: "" }],
  ])("bad %s is BAD_USER_INPUT and writes nothing", async (_field, override) => {
    const before = [await count("tenants"), await count("users"), await count("partner_profiles")];
    const response = await t.as("president@cn-sh.demo").query(REGISTER, { input: { ...registration("SH-BAD", "bad@partner.test"), ...override } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect([await count("tenants"), await count("users"), await count("partner_profiles")]).toEqual(before);
  });

  it("a used code is CONFLICT, and nothing of the attempt stays", async () => {
    const before = [await count("tenants"), await count("users"), await count("partner_profiles")];
    expect(errorCode(await t.as("president@cn-sh.demo").query(REGISTER, { input: registration("CN-SZ", "new@partner.test") }))).toBe("CONFLICT");
    expect([await count("tenants"), await count("users"), await count("partner_profiles")]).toEqual(before);
    expect(await count("tenants", "code = 'CN-SZ'")).toBe(1);
  });

  it("an email known anywhere in the network gets exactly the answer a new one gets; its user becomes the administrator and keeps their own password", async () => {
    /** The answer with what the two registrations were given (code, email) and the new id masked. */
    const answer = async (code: string, email: string) => {
      const response = await t.as("president@cn-sh.demo").query(REGISTER, { input: { ...registration(code, email), adminPassword: "chosen-by-the-centre" } });
      const text = JSON.stringify({ status: response.status, errors: response.errors, data: response.data });
      const id = response.data?.registerPartner?.id ?? "no id";
      return JSON.parse(text.replaceAll(id, "<id>").replaceAll(code, "<code>").replaceAll(email.toLowerCase(), "<email>"));
    };
    const users = await count("users");
    const fresh = await answer("SH-FRESH", "fresh-admin@partner.test");
    const known = await answer("SH-KNOWN", "President@MY.demo");
    expect(fresh.data.registerPartner.id).toBe("<id>");
    expect(known).toEqual(fresh);
    expect(await count("users")).toBe(users + 1);

    const login = (email: string, password: string) =>
      t.graphql(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email, password });
    expect((await login("fresh-admin@partner.test", "chosen-by-the-centre")).data.login.token).toEqual(expect.any(String));
    expect(errorCode(await login("president@my.demo", "chosen-by-the-centre"))).toBe("UNAUTHENTICATED");
    const me = await t.as("president@my.demo").query("{ me { user { displayName } tenant { code } memberships { role tenant { code } } } }");
    expect(me.data.me.tenant.code).toBe("MY");
    expect(me.data.me.user.displayName).not.toBe("SH-KNOWN Admin");
    expect(me.data.me.memberships).toContainEqual({ role: "PRESIDENT", tenant: { code: "SH-KNOWN" } });
  });

  it.each([
    ["staff@cn-sh.demo", "level 4 staff"],
    ["auditor@hq.demo", "an auditor"],
    ["president@hq.demo", "head office"],
    ["admin@cn-it.demo", "an affiliated company"],
    ["admin@cn-sh-cert.demo", "a partner"],
  ])("%s (%s) may not register partners", async (email) => {
    const response = await t.as(email).query(REGISTER, { input: registration("NOT-ALLOWED", "not-allowed@partner.test") });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(await count("tenants", "code = 'NOT-ALLOWED'")).toBe(0);
  });
});

describe("admission through the qualification file", () => {
  it("register → the partner's admin submits → the centre president approves in decideApproval → ACTIVE, admitted, next review in 12 months", async () => {
    const { id, adminEmail } = await registerPartner(t, "president@cn-sh.demo", "SH-ADMIT");
    const file = (await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
    expect(file).toEqual({ id: expect.any(String), purpose: "ADMISSION", status: "SUBMITTED" });
    const requestId = await approvalRequestOf(t.database.owner, file.id);
    const inbox = (await t.as("president@cn-sh.demo").data(INBOX)).approvalInbox.edges.map((e: any) => e.node);
    expect(inbox).toContainEqual({ id: requestId, subjectType: "PARTNER_QUALIFICATION", tenant: { code: "SH-ADMIT" } });
    // Not the grandparent, not a level-4 member, and it does not escalate.
    expect(errorCode(await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DECIDE, { id: requestId, decision: "ESCALATE" }))).toBe("CONFLICT");

    expect((await t.as("president@cn-sh.demo").data(DECIDE, { id: requestId, decision: "APPROVE" })).decideApproval.status).toBe("APPROVED");
    const partner = (await t.as("president@cn-sh.demo").data(PARTNER_CARD, { id })).partner;
    const { rows } = await t.database.owner.query("SELECT (current_date + interval '12 months')::date::text AS due");
    expect(partner).toMatchObject({
      status: "ACTIVE",
      admittedAt: expect.any(String),
      lastReviewedAt: expect.any(String),
      nextReviewDue: rows[0].due,
      reviewDue: false,
      qualifications: [{ purpose: "ADMISSION", status: "APPROVED", decidedAt: expect.any(String) }],
    });

    // Once active, the next file is a re-review; approving it keeps the admission date.
    const reReview = (await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
    expect(reReview.purpose).toBe("RE_REVIEW");
    await t.as("president@cn-sh.demo").data(DECIDE, { id: await approvalRequestOf(t.database.owner, reReview.id), decision: "APPROVE" });
    const after = (await t.as(adminEmail).data(PARTNER_CARD, { id })).partner;
    expect(after.admittedAt).toBe(partner.admittedAt);
    expect(after.qualifications.map((q: any) => `${q.purpose}:${q.status}`)).toEqual(["ADMISSION:APPROVED", "RE_REVIEW:APPROVED"]);
  });

  it("a rejected file leaves the partner APPLIED and a new file may be submitted; a withdrawn one too", async () => {
    const { id, adminEmail } = await registerPartner(t, "president@cn-sz.demo", "SZ-REJECT");
    const first = (await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
    await t.as("president@cn-sz.demo").data(DECIDE, { id: await approvalRequestOf(t.database.owner, first.id), decision: "REJECT", reason: "Licence expired" });
    const second = (await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
    await t.as(adminEmail).data(`mutation($id: ID!) { withdrawApproval(id: $id) { status } }`, { id: await approvalRequestOf(t.database.owner, second.id) });
    const partner = (await t.as("president@cn-sz.demo").data(PARTNER_CARD, { id })).partner;
    expect(partner).toMatchObject({ status: "APPLIED", admittedAt: null, nextReviewDue: null });
    expect(partner.qualifications.map((q: any) => q.status)).toEqual(["REJECTED", "WITHDRAWN"]);
    expect((await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification.status).toBe("SUBMITTED");
  });

  it("one open file at a time: a second submission is CONFLICT and adds no row", async () => {
    const { id, adminEmail } = await registerPartner(t, "president@cn-sh.demo", "SH-TWICE");
    await t.as(adminEmail).data(SUBMIT_FILE, { input: FILE });
    expect(errorCode(await t.as(adminEmail).query(SUBMIT_FILE, { input: FILE }))).toBe("CONFLICT");
    expect(await count("partner_qualifications", "tenant_id = $1", [id])).toBe(1);
    expect(await count("approval_requests", "tenant_id = $1", [id])).toBe(1);
  });

  it("a blank licence is BAD_USER_INPUT and opens no request", async () => {
    const { id, adminEmail } = await registerPartner(t, "president@cn-sh.demo", "SH-BLANK");
    expect(errorCode(await t.as(adminEmail).query(SUBMIT_FILE, { input: { ...FILE, licence: " " } }))).toBe("BAD_USER_INPUT");
    expect(await count("partner_qualifications", "tenant_id = $1", [id])).toBe(0);
    expect(await count("approval_requests", "tenant_id = $1", [id])).toBe(0);
  });

  it("only the partner submits its file: its centre cannot, nor an affiliated company", async () => {
    expect(errorCode(await t.as("president@cn-sh.demo").query(SUBMIT_FILE, { input: FILE }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("admin@cn-it.demo").query(SUBMIT_FILE, { input: FILE }))).toBe("FORBIDDEN");
  });

  it("the demo partner's re-review file awaits CN-SH in its inbox", async () => {
    const inbox = (await t.as("president@cn-sh.demo").data(INBOX)).approvalInbox.edges.map((e: any) => e.node.id);
    expect(inbox).toContain(demoId("approval", "cn-sh-cert-re-review"));
  });
});
