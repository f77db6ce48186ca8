import type { MailMessage } from "../mail/mail-outbox";

/** Messages in English and Simplified Chinese together, until tenants carry a language. */
export function invitationMail(input: { to: string; displayName: string; tenantName: string; link: string; expiresAt: Date }): MailMessage {
  const expires = input.expiresAt.toISOString();
  return {
    to: input.to,
    subject: `Invitation to join ${input.tenantName} on Link Pass / 邀请您加入 ${input.tenantName}（Link Pass）`,
    text: [
      `Hello ${input.displayName},`,
      "",
      `You are invited to join ${input.tenantName} on the Link Pass network. Open this link to accept and choose your password:`,
      input.link,
      `The link works once and expires at ${expires}.`,
      "",
      `${input.displayName}，您好：`,
      "",
      `您受邀加入 Link Pass 网络中的 ${input.tenantName}。请打开以下链接接受邀请并设置密码：`,
      input.link,
      `该链接仅可使用一次，将于 ${expires} 失效。`,
    ].join("\n"),
  };
}

/** Rendered whether or not the address has an account: only the database decides whether it is sent. */
export function passwordResetMail(input: { to: string; link: string; expiresAt: Date }): MailMessage {
  const expires = input.expiresAt.toISOString();
  return {
    to: input.to,
    subject: "Reset your Link Pass password / 重置您的 Link Pass 密码",
    text: [
      "Someone asked to reset the password of this Link Pass account. Open this link to choose a new one:",
      input.link,
      `The link works once and expires at ${expires}. Resetting signs you out everywhere. If it was not you, ignore this message.`,
      "",
      "有人申请重置此 Link Pass 账户的密码。请打开以下链接设置新密码：",
      input.link,
      `该链接仅可使用一次，将于 ${expires} 失效。重置后所有已登录的会话都将退出。如非本人操作，请忽略此邮件。`,
    ].join("\n"),
  };
}
