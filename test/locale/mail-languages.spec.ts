import { invitationMail, passwordResetMail } from "../../src/modules/people/people-mail";

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
});
