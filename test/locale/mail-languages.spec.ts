import { invitationMail, passwordResetMail } from "../../src/modules/people/people-mail";
import { useSmtpInbox } from "../support/smtp-inbox";
import { useTestApp } from "../support/test-app";

const app = useTestApp({ PUBLIC_URL: "https://linkpass.test", MAIL_DELIVERY_INTERVAL_SECONDS: "0", APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const inbox = useSmtpInbox();
const UPDATE_SETTINGS = "mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { locale } }";
const INVITE = "mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }";

const invitation = { to: "new@cn-sh.demo", displayName: "王小明", tenantName: "Link Pass Shanghai City Service Centre", link: "https://linkpass.example/accept-invitation?token=abc", expiresAt: new Date("2026-12-09T08:00:00Z") };

describe("mails in the recipient's language", () => {
  it("without a language, a mail is in English and Simplified Chinese together, as before tenants carried one", () => {
    const mail = invitationMail(invitation);
    expect(mail.subject).toBe("Invitation to join Link Pass Shanghai City Service Centre on Link Pass / 邀请您加入 Link Pass Shanghai City Service Centre（Link Pass）");
    expect(mail.text.split("\n")).toEqual([
      "Hello 王小明,",
      "",
      "You are invited to join Link Pass Shanghai City Service Centre on the Link Pass network. Open this link to accept and choose your password:",
      invitation.link,
      "The link works once and expires at 2026-12-09T08:00:00.000Z.",
      "",
      "王小明，您好：",
      "",
      "您受邀加入 Link Pass 网络中的 Link Pass Shanghai City Service Centre。请打开以下链接接受邀请并设置密码：",
      invitation.link,
      "该链接仅可使用一次，将于 2026-12-09T08:00:00.000Z 失效。",
    ]);
  });

  it("with a language, a mail is in that language alone", () => {
    const traditional = invitationMail({ ...invitation, language: "zh-TW" });
    expect(traditional.subject).toBe("邀請您加入 Link Pass Shanghai City Service Centre（Link Pass）");
    expect(traditional.text).toContain("請開啟以下連結接受邀請並設定密碼");
    expect(traditional.text).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
    const reset = passwordResetMail({ to: "a@b.c", link: "https://linkpass.example/reset-password?token=x", expiresAt: invitation.expiresAt, language: "en" });
    expect(reset.subject).toBe("Reset your Link Pass password");
    expect(reset.text).not.toMatch(/\p{Script=Han}/u);
  });

  it("an invitation into a tenant whose locale is zh-TW is in Traditional Chinese alone", async () => {
    await app.as("president@cn-sh.demo").data(UPDATE_SETTINGS, { input: { locale: "zh-TW" } });
    await app.as("president@cn-sh.demo").data(INVITE, { input: { email: "traditional@cn-sh.test", displayName: "陳大文", role: "STAFF", department: "OPERATIONS" } });
    await inbox.deliver(app.app.dataSource);
    const mail = inbox.lastTo("traditional@cn-sh.test")!;
    expect(mail.subject).toMatch(/^邀請您加入 .*（Link Pass）$/);
    expect(mail.text).toContain("請開啟以下連結接受邀請並設定密碼");
    expect(mail.text).not.toContain("您受邀加入 Link Pass 网络");
    expect(mail.text).not.toContain("You are invited");
  });

  it("an invitation's expiry reads in the tenant's time zone", () => {
    const shanghai = invitationMail({ ...invitation, language: "en", timeZone: "Asia/Shanghai" });
    expect(shanghai.text).toContain("expires at 2026-12-09 16:00 (UTC+08:00).");
    const kualaLumpur = invitationMail({ ...invitation, language: "zh-CN", timeZone: "Asia/Kuala_Lumpur" });
    expect(kualaLumpur.text).toContain("2026-12-09 16:00 (UTC+08:00) 失效");
    expect(invitationMail({ ...invitation, language: "en", timeZone: "America/New_York" }).text).toContain("2026-12-09 03:00 (UTC-05:00)");
  });

  it("a password reset is written in the recipient's tenant's locale, or in the language the request asks for", async () => {
    const REQUEST_RESET = "mutation($email: String!) { requestPasswordReset(email: $email) }";
    await app.graphql(REQUEST_RESET, { email: "consultant@cn-sz.demo" });
    await app.graphql(REQUEST_RESET, { email: "consultant@my-kl.demo" });
    await app.graphql(REQUEST_RESET, { email: "president@my.demo" }, { headers: { "accept-language": "zh-TW, en;q=0.5" } });
    await inbox.deliver(app.app.dataSource);

    const simplified = inbox.lastTo("consultant@cn-sz.demo")!;
    expect(simplified.subject).toBe("重置您的 Link Pass 密码");
    expect(simplified.text).not.toContain("Someone asked");
    const english = inbox.lastTo("consultant@my-kl.demo")!;
    expect(english.subject).toBe("Reset your Link Pass password");
    expect(english.text).not.toMatch(/\p{Script=Han}/u);
    const traditional = inbox.lastTo("president@my.demo")!;
    expect(traditional.subject).toBe("重設您的 Link Pass 密碼");
  });
});
