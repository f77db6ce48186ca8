import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";
import { useSmtpInbox } from "../support/smtp-inbox";

const t = useTestApp({ PUBLIC_URL: "https://linkpass.test", MAIL_DELIVERY_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const inbox = useSmtpInbox();

const ME = `{ me { user { email } } }`;
const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const CHANGE = `mutation Change($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
const REQUEST_RESET = `mutation Request($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation Reset($token: String!, $next: String!) { resetPassword(token: $token, newPassword: $next) }`;
const SIGN_OUT = `mutation { signOutEverywhere }`;

async function logIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await t.graphql(LOGIN, { email, password });
  if (!response.data?.login) throw new Error(`login as ${email}: ${JSON.stringify(response.errors)}`);
  return response.data.login.token;
}
const me = (token: string) => t.graphql(ME, {}, { token });
const count = async (table: string, where = "true", params: unknown[] = []) =>
  (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;

describe("sessions", () => {
  it("signOutEverywhere refuses every token issued so far on its next request, the caller's own included; a new login works", async () => {
    const [first, second] = [await logIn("staff@cn-sh.demo"), await logIn("staff@cn-sh.demo")];
    const other = await logIn("consultant@cn-sh.demo");
    expect((await t.graphql(SIGN_OUT, {}, { token: first })).data).toEqual({ signOutEverywhere: true });
    for (const token of [first, second]) {
      const response = await me(token);
      expect(errorCode(response)).toBe("UNAUTHENTICATED");
      expect(response.errors![0].message).toMatch(/session has ended/);
    }
    expect((await me(other)).data.me.user.email).toBe("consultant@cn-sh.demo");
    expect((await me(await logIn("staff@cn-sh.demo"))).data.me.user.email).toBe("staff@cn-sh.demo");
  });

  it("an ended session is refused even where x-tenant-id names one of the user's memberships", async () => {
    const token = await logIn("president@cn-sz.demo");
    await t.graphql(SIGN_OUT, {}, { token });
    expect(errorCode(await t.graphql(ME, {}, { token, tenant: "CN-SZ" }))).toBe("UNAUTHENTICATED");
  });
});

describe("changing a password", () => {
  it("needs the current password, refuses weak ones, and then only the new one logs in; sessions go on", async () => {
    const token = await logIn("finance@cn.demo");
    expect(errorCode(await t.graphql(CHANGE, { current: "not my password", next: "a brand new passphrase" }, { token }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.graphql(CHANGE, { current: DEMO_PASSWORD, next: "short" }, { token }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.graphql(CHANGE, { current: DEMO_PASSWORD, next: "football2024!!" }, { token }))).toBe("BAD_USER_INPUT");
    expect((await t.graphql(CHANGE, { current: DEMO_PASSWORD, next: "a brand new passphrase" }, { token })).data).toEqual({ changePassword: true });
    expect(errorCode(await t.graphql(LOGIN, { email: "finance@cn.demo", password: DEMO_PASSWORD }))).toBe("UNAUTHENTICATED");
    expect(await logIn("finance@cn.demo", "a brand new passphrase")).toEqual(expect.any(String));
    expect((await me(token)).data.me.user.email).toBe("finance@cn.demo");
  });
});

describe("resetting a password", () => {
  it("mails a single-use link; using it sets the password and ends every earlier session", async () => {
    const earlier = await logIn("consultant@cn-sz.demo");
    expect((await t.graphql(REQUEST_RESET, { email: "Consultant@CN-SZ.demo" })).data).toEqual({ requestPasswordReset: true });
    expect(await inbox.deliver(t.app.dataSource)).toEqual({ sent: 1, failed: 0 });
    const mail = inbox.lastTo("consultant@cn-sz.demo")!;
    expect(mail.text).toMatch(/https:\/\/linkpass\.test\/reset-password\?token=/);
    expect(mail.text).toContain("重置");
    const token = inbox.tokenSentTo("consultant@cn-sz.demo");

    expect(errorCode(await t.graphql(RESET, { token, next: "password" }))).toBe("BAD_USER_INPUT");
    expect((await t.graphql(RESET, { token, next: "reset to something long" })).data).toEqual({ resetPassword: true });
    expect(errorCode(await me(earlier))).toBe("UNAUTHENTICATED");
    expect(await logIn("consultant@cn-sz.demo", "reset to something long")).toEqual(expect.any(String));
    expect(errorCode(await t.graphql(RESET, { token, next: "and once more, again" }))).toBe("BAD_USER_INPUT");
  });

  it("answers true for an unknown address and sends nothing", async () => {
    const before = [await count("mail_outbox"), await count("password_resets")];
    expect((await t.graphql(REQUEST_RESET, { email: "nobody@nowhere.test" })).data).toEqual({ requestPasswordReset: true });
    expect([await count("mail_outbox"), await count("password_resets")]).toEqual(before);
  });

  it("an expired reset token is refused and changes nothing", async () => {
    await t.graphql(REQUEST_RESET, { email: "consultant@my-kl.demo" });
    await inbox.deliver(t.app.dataSource);
    await t.database.owner.query("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    expect(errorCode(await t.graphql(RESET, { token: inbox.tokenSentTo("consultant@my-kl.demo"), next: "too late for this one" }))).toBe("BAD_USER_INPUT");
    expect(await logIn("consultant@my-kl.demo")).toEqual(expect.any(String));
  });
});
