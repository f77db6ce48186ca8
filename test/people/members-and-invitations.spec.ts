import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { useSmtpInbox } from "../support/smtp-inbox";

const t = useTestApp({ PUBLIC_URL: "https://linkpass.test", MAIL_DELIVERY_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const inbox = useSmtpInbox();

const INVITE = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { id email role department status expiresAt tenant { code } } }`;
const ACCEPT = `mutation Accept($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token user { email } } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeInvitation(id: $id) { id status } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateMembershipInput!) { updateMembership(id: $id, input: $input) { id role department status } }`;
const DEACTIVATE = `mutation Deactivate($id: ID!, $reason: String!) { deactivateMembership(id: $id, reason: $reason) { id status } }`;
const MEMBERS = `{ members(first: 100) { edges { node { id role status tenant { code } user { email } } } } }`;
const INVITATIONS = `{ invitations(first: 100) { edges { node { id email status tenant { code } } } } }`;
const ME = `{ me { membership { role department } tenant { code } } }`;
const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

const invitation = (email: string, role = "STAFF", department = "OPERATIONS") => ({ email, displayName: `Invited ${email}`, role, department });
const count = async (table: string, where = "true", params: unknown[] = []) =>
  (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;
const anonymous = (query: string, variables: Record<string, unknown>) => t.graphql(query, variables);

/** Invites, delivers the e-mail, accepts with the demo password (so `t.as(email)` works); the new member's membership id. */
async function join(inviter: string, email: string, role = "STAFF", department = "OPERATIONS"): Promise<string> {
  await t.as(inviter).data(INVITE, { input: invitation(email, role, department) });
  await inbox.deliver(t.app.dataSource);
  const accepted = await anonymous(ACCEPT, { token: inbox.tokenSentTo(email), password: DEMO_PASSWORD });
  if (!accepted.data) throw new Error(JSON.stringify(accepted.errors));
  return (await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.created_at DESC LIMIT 1", [email])).rows[0].id;
}

describe("invitations", () => {
  it("a president invites a colleague: the e-mail leaves after the commit, in English and Chinese, and its single-use token makes a member who can log in", async () => {
    const sentBefore = inbox.received.length;
    const { inviteMember } = await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("New.Colleague@CN-SH.test") });
    expect(inviteMember).toMatchObject({ email: "new.colleague@cn-sh.test", role: "STAFF", status: "PENDING", tenant: { code: "CN-SH" } });
    expect(inbox.received.length).toBe(sentBefore);
    expect(await count("mail_outbox", "recipient = $1 AND sent_at IS NULL", ["new.colleague@cn-sh.test"])).toBe(1);

    expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 1, failed: 0 });
    const mail = inbox.lastTo("new.colleague@cn-sh.test")!;
    expect(mail.subject).toContain("Shanghai");
    expect(mail.text).toMatch(/https:\/\/linkpass\.test\/accept-invitation\?token=[A-Za-z0-9_-]{43}/);
    expect(mail.text).toContain("您受邀加入");
    const token = inbox.tokenSentTo("new.colleague@cn-sh.test");
    expect(await count("invitations", "token_hash = $1", [token])).toBe(0);
    expect(await count("mail_outbox", "recipient = $1 AND body LIKE '%' || $2 || '%'", ["new.colleague@cn-sh.test", token])).toBe(0);

    const accepted = await anonymous(ACCEPT, { token, password: "a long and unusual passphrase" });
    expect(accepted.data.acceptInvitation.user).toEqual({ email: "new.colleague@cn-sh.test" });
    const me = await t.graphql(ME, {}, { token: accepted.data.acceptInvitation.token });
    expect(me.data.me).toEqual({ membership: { role: "STAFF", department: "OPERATIONS" }, tenant: { code: "CN-SH" } });
    expect((await anonymous(LOGIN, { email: "new.colleague@cn-sh.test", password: "a long and unusual passphrase" })).data.login.token).toEqual(expect.any(String));

    expect(errorCode(await anonymous(ACCEPT, { token, password: "a long and unusual passphrase" }))).toBe("BAD_USER_INPUT");
    const listed = await t.as("president@cn-sh.demo").data(INVITATIONS);
    expect(listed.invitations.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({ id: inviteMember.id, status: "ACCEPTED" }));
  });

  it("a rolled-back request leaves no invitation and sends no e-mail", async () => {
    const before = [await count("invitations"), await count("mail_outbox")];
    const response = await t.as("president@cn-sh.demo").query(
      `mutation($input: InviteMemberInput!, $id: ID!) { a: inviteMember(input: $input) { id } b: revokeInvitation(id: $id) { id } }`,
      { input: invitation("rolled-back@cn-sh.test"), id: randomUUID() },
    );
    expect(response.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect([await count("invitations"), await count("mail_outbox")]).toEqual(before);
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("rolled-back@cn-sh.test")).toBeUndefined();
  });

  it("a refused send is kept and retried until the server takes it", async () => {
    await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("retry@cn-sh.test") });
    inbox.refuseMessages(true);
    try {
      expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 0, failed: 1 });
    } finally {
      inbox.refuseMessages(false);
    }
    const [row] = (await t.database.owner.query("SELECT attempts, last_error, sent_at FROM mail_outbox WHERE recipient = 'retry@cn-sh.test'")).rows;
    expect(row).toMatchObject({ attempts: 1, sent_at: null, last_error: expect.stringContaining("busy") });
    expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 0, failed: 0 });
    await t.database.owner.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE recipient = 'retry@cn-sh.test'");
    expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 1, failed: 0 });
    expect(inbox.tokenSentTo("retry@cn-sh.test")).toEqual(expect.any(String));
  });

  it("an expired or revoked invitation's token is refused and makes nobody a member", async () => {
    const expired = (await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("late@cn-sh.test") })).inviteMember;
    const revoked = (await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("withdrawn@cn-sh.test") })).inviteMember;
    await inbox.deliver(t.app.dataSource);
    await t.database.owner.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.id]);
    expect((await t.as("president@cn-sh.demo").data(REVOKE, { id: revoked.id })).revokeInvitation.status).toBe("REVOKED");

    for (const email of ["late@cn-sh.test", "withdrawn@cn-sh.test"]) {
      expect(errorCode(await anonymous(ACCEPT, { token: inbox.tokenSentTo(email), password: DEMO_PASSWORD }))).toBe("BAD_USER_INPUT");
      expect(await count("users", "email = $1", [email])).toBe(0);
    }
    const statuses = (await t.as("president@cn-sh.demo").data(INVITATIONS)).invitations.edges.map((e: any) => [e.node.id, e.node.status]);
    expect(statuses).toEqual(expect.arrayContaining([[expired.id, "EXPIRED"], [revoked.id, "REVOKED"]]));
    expect(errorCode(await t.as("president@cn-sh.demo").query(REVOKE, { id: expired.id }))).toBe("CONFLICT");
  });

  it("a newer invitation to the same address replaces the pending one", async () => {
    const first = (await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("twice@cn-sh.test") })).inviteMember;
    await inbox.deliver(t.app.dataSource);
    const firstToken = inbox.tokenSentTo("twice@cn-sh.test");
    await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("twice@cn-sh.test", "CONSULTANT") });
    await inbox.deliver(t.app.dataSource);
    expect(errorCode(await anonymous(ACCEPT, { token: firstToken, password: DEMO_PASSWORD }))).toBe("BAD_USER_INPUT");
    expect((await t.database.owner.query("SELECT status FROM invitations WHERE id = $1", [first.id])).rows[0].status).toBe("REVOKED");
    expect((await anonymous(ACCEPT, { token: inbox.tokenSentTo("twice@cn-sh.test"), password: DEMO_PASSWORD })).data).toBeTruthy();
    expect((await t.as("twice@cn-sh.test").data(ME)).me.membership.role).toBe("CONSULTANT");
  });

  it("an address that already has an account joins with that account's own password, and keeps its other memberships", async () => {
    await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("president@cn-sz.demo") });
    await inbox.deliver(t.app.dataSource);
    const token = inbox.tokenSentTo("president@cn-sz.demo");
    expect(errorCode(await anonymous(ACCEPT, { token, password: "not the account's password" }))).toBe("UNAUTHENTICATED");
    const accepted = await anonymous(ACCEPT, { token, password: DEMO_PASSWORD });
    const memberships = await t.graphql(`{ me { memberships { tenant { code } } } }`, {}, { token: accepted.data.acceptInvitation.token });
    expect(memberships.data.me.memberships.map((m: any) => m.tenant.code).sort()).toEqual(["CN-SH", "CN-SZ"]);
  });

  it.each([
    ["shorter than 12 characters", "short-pass"],
    ["a common password", "password"],
    ["a common password with digits around it", "2024password1234"],
  ])("a new user's password %s is BAD_USER_INPUT and the invitation stays usable", async (_rule, password) => {
    const email = `weak-${randomUUID().slice(0, 8)}@cn-sh.test`;
    await t.as("president@cn-sh.demo").data(INVITE, { input: invitation(email) });
    await inbox.deliver(t.app.dataSource);
    const token = inbox.tokenSentTo(email);
    expect(errorCode(await anonymous(ACCEPT, { token, password }))).toBe("BAD_USER_INPUT");
    expect((await anonymous(ACCEPT, { token, password: DEMO_PASSWORD })).data).toBeTruthy();
  });

  it("an active member's address is CONFLICT, and bad input is BAD_USER_INPUT; neither writes anything", async () => {
    const before = [await count("invitations"), await count("mail_outbox")];
    expect(errorCode(await t.as("president@cn-sh.demo").query(INVITE, { input: invitation("staff@cn-sh.demo") }))).toBe("CONFLICT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(INVITE, { input: invitation("not-an-address") }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(INVITE, { input: { ...invitation("blank@cn-sh.test"), displayName: " " } }))).toBe("BAD_USER_INPUT");
    expect([await count("invitations"), await count("mail_outbox")]).toEqual(before);
  });
});

describe("authority over members", () => {
  let deputyMembership: string;
  beforeAll(async () => {
    deputyMembership = await join("president@cn-sh.demo", "deputy@cn-sh.test", "DEPUTY", "MANAGEMENT");
  });

  it("only a president, a deputy or the head of MANAGEMENT invites", async () => {
    await join("president@cn-sh.demo", "ops-head@cn-sh.test", "DEPARTMENT_HEAD", "OPERATIONS");
    const mgmtHead = await join("president@cn-sh.demo", "mgmt-head@cn-sh.test", "DEPARTMENT_HEAD", "MANAGEMENT");
    expect(mgmtHead).toEqual(expect.any(String));
    for (const refused of ["staff@cn-sh.demo", "consultant@cn-sh.demo", "ops-head@cn-sh.test", "finance@cn.demo", "auditor@hq.demo"]) {
      expect(errorCode(await t.as(refused).query(INVITE, { input: invitation(`from-${refused}`.replace("@", ".") + "@x.test") }))).toBe("FORBIDDEN");
    }
    expect((await t.as("mgmt-head@cn-sh.test").data(INVITE, { input: invitation("by-head@cn-sh.test", "STAFF") })).inviteMember.status).toBe("PENDING");
    expect(errorCode(await t.as("mgmt-head@cn-sh.test").query(INVITE, { input: invitation("head-up@cn-sh.test", "DEPUTY") }))).toBe("FORBIDDEN");
  });

  it("nobody invites or promotes above their own authority, and only a president assigns AUDITOR", async () => {
    const before = await count("invitations");
    expect(errorCode(await t.as("deputy@cn-sh.test").query(INVITE, { input: invitation("new-president@cn-sh.test", "PRESIDENT", "MANAGEMENT") }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("deputy@cn-sh.test").query(INVITE, { input: invitation("new-auditor@cn-sh.test", "AUDITOR", "FINANCE") }))).toBe("FORBIDDEN");
    expect(await count("invitations")).toBe(before);
    expect((await t.as("deputy@cn-sh.test").data(INVITE, { input: invitation("second-deputy@cn-sh.test", "DEPUTY", "MEDIA") })).inviteMember.role).toBe("DEPUTY");
    expect((await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("auditor@cn-sh.test", "AUDITOR", "FINANCE") })).inviteMember.role).toBe("AUDITOR");

    const staff = demoMembership("staff@cn-sh.demo");
    expect(errorCode(await t.as("deputy@cn-sh.test").query(UPDATE, { id: await staff, input: { role: "PRESIDENT", department: "OPERATIONS" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("deputy@cn-sh.test").query(UPDATE, { id: await demoMembership("president@cn-sh.demo"), input: { role: "STAFF", department: "OPERATIONS" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("deputy@cn-sh.test").query(DEACTIVATE, { id: await demoMembership("president@cn-sh.demo"), reason: "coup" }))).toBe("FORBIDDEN");
    const promoted = await t.as("deputy@cn-sh.test").data(UPDATE, { id: await staff, input: { role: "DEPARTMENT_HEAD", department: "OPERATIONS" } });
    expect(promoted.updateMembership).toMatchObject({ role: "DEPARTMENT_HEAD", department: "OPERATIONS", status: "ACTIVE" });
    await t.as("deputy@cn-sh.test").data(UPDATE, { id: await staff, input: { role: "STAFF", department: "OPERATIONS" } });
    const audited = await count("audit_log", "target_type = 'memberships' AND target_id = $1 AND action = 'UPDATE'", [await staff]);
    expect(audited).toBe(2);
  });

  it("nobody changes or deactivates their own membership", async () => {
    expect(errorCode(await t.as("deputy@cn-sh.test").query(UPDATE, { id: deputyMembership, input: { role: "DEPUTY", department: "FINANCE" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DEACTIVATE, { id: await demoMembership("president@cn-sh.demo"), reason: "leaving" }))).toBe("FORBIDDEN");
  });

  it("of two presidents deactivating each other at once, one stays: the tenant always keeps an active president", async () => {
    await join("president@my.demo", "second-president@my.test", "PRESIDENT", "MANAGEMENT");
    await Promise.all([t.login("president@my.demo"), t.login("second-president@my.test")]);
    const [first, second] = await Promise.all([
      t.as("president@my.demo").query(DEACTIVATE, { id: await membershipOf("second-president@my.test"), reason: "race" }),
      t.as("second-president@my.test").query(DEACTIVATE, { id: await demoMembership("president@my.demo"), reason: "race" }),
    ]);
    const outcomes = [first, second].map((response) => (response.errors ? response.errors[0].extensions?.code : "DEACTIVATED"));
    expect(outcomes.filter((outcome) => outcome === "DEACTIVATED")).toHaveLength(1);
    // The loser either waited for the winner's lock (the last president now) or started after its commit (deactivated itself).
    expect(["CONFLICT", "UNAUTHENTICATED"]).toContain(outcomes.find((outcome) => outcome !== "DEACTIVATED"));
    expect(await count("memberships", "tenant_id = $1 AND role = 'PRESIDENT' AND active", [demoId("tenant", "MY")])).toBe(1);
  });
});

describe("deactivation", () => {
  it("a deactivated member's token is refused on its very next request, and they can no longer log in", async () => {
    const membership = await join("president@cn-sh.demo", "leaver@cn-sh.test");
    const token = await t.login("leaver@cn-sh.test");
    expect((await t.graphql(ME, {}, { token })).data.me.tenant.code).toBe("CN-SH");
    const { deactivateMembership } = await t.as("president@cn-sh.demo").data(DEACTIVATE, { id: membership, reason: "left the company" });
    expect(deactivateMembership).toEqual({ id: membership, status: "DEACTIVATED" });
    expect(errorCode(await t.graphql(ME, {}, { token }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await anonymous(LOGIN, { email: "leaver@cn-sh.test", password: DEMO_PASSWORD }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DEACTIVATE, { id: membership, reason: "again" }))).toBe("CONFLICT");
    const { rows } = await t.database.owner.query("SELECT deactivation_reason FROM memberships WHERE id = $1", [membership]);
    expect(rows[0].deactivation_reason).toBe("left the company");
  });

  it("a blank reason is BAD_USER_INPUT and deactivates nothing", async () => {
    const id = await demoMembership("consultant@cn-sh.demo");
    expect(errorCode(await t.as("president@cn-sh.demo").query(DEACTIVATE, { id, reason: "  " }))).toBe("BAD_USER_INPUT");
    expect(await count("memberships", "id = $1 AND active", [id])).toBe(1);
  });
});

describe("members across tenants", () => {
  it("a sibling never reads, invites into or changes another tenant's members; a parent reads its subtree's but changes none", async () => {
    const shStaff = await demoMembership("staff@cn-sh.demo");
    const pending = (await t.as("president@cn-sh.demo").data(INVITE, { input: invitation("cross@cn-sh.test") })).inviteMember;

    const siblingMembers = (await t.as("president@cn-sz.demo").data(MEMBERS)).members.edges.map((e: any) => e.node.tenant.code);
    expect(new Set(siblingMembers)).toEqual(new Set(["CN-SZ"]));
    const siblingInvitations = (await t.as("president@cn-sz.demo").data(INVITATIONS)).invitations.edges.map((e: any) => e.node.tenant.code);
    expect(siblingInvitations).not.toContain("CN-SH");
    expect(errorCode(await t.as("president@cn-sz.demo").query(UPDATE, { id: shStaff, input: { role: "STAFF", department: "MEDIA" } }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn-sz.demo").query(DEACTIVATE, { id: shStaff, reason: "hostile" }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn-sz.demo").query(REVOKE, { id: pending.id }))).toBe("NOT_FOUND");

    const parentMembers = (await t.as("president@cn.demo").data(MEMBERS)).members.edges.map((e: any) => e.node);
    expect(parentMembers).toContainEqual(expect.objectContaining({ id: shStaff, tenant: { code: "CN-SH" }, user: { email: "staff@cn-sh.demo" } }));
    expect(parentMembers.map((m: any) => m.tenant.code)).not.toContain("MY");
    expect(errorCode(await t.as("president@cn.demo").query(UPDATE, { id: shStaff, input: { role: "STAFF", department: "MEDIA" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(DEACTIVATE, { id: shStaff, reason: "from above" }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn.demo").query(REVOKE, { id: pending.id }))).toBe("FORBIDDEN");

    const childMembers = (await t.as("admin@cn-sh-cert.demo").data(MEMBERS)).members.edges.map((e: any) => e.node.tenant.code);
    expect(new Set(childMembers)).toEqual(new Set(["CN-SH-CERT"]));
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(UPDATE, { id: shStaff, input: { role: "STAFF", department: "MEDIA" } }))).toBe("NOT_FOUND");
    expect((await t.database.owner.query("SELECT department, active FROM memberships WHERE id = $1", [shStaff])).rows[0]).toEqual({ department: "OPERATIONS", active: true });
  });
});

async function membershipOf(email: string): Promise<string> {
  return (await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.created_at LIMIT 1", [email])).rows[0].id;
}
const demoMembership = membershipOf;
