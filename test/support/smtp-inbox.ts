import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import type { ModuleSettings } from "../../src/config";
import { deliverPendingMail } from "../../src/modules/mail/mail-delivery.job";
import { createLogger } from "../../src/shared/logger";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives, and a way to run the outbox into it. */
export interface SmtpInbox {
  received: ReceivedMail[];
  url: string;
  /** Runs the mail job once against this server; answers how many went out and how many failed. */
  deliver(dataSource: DataSource): Promise<{ sent: number; failed: number }>;
  /** The last message sent to `address`. */
  lastTo(address: string): ReceivedMail | undefined;
  /** The token the last message to `address` carries (`token=<token>`). */
  tokenSentTo(address: string): string;
  /** Refuse (or accept again) every message with a 451, as a busy server would. */
  refuseMessages(refuse: boolean): void;
}

export function useSmtpInbox(): SmtpInbox {
  let server: SMTPServer;
  let refusing = false;
  const inbox: SmtpInbox = {
    received: [],
    url: "",
    async deliver(dataSource) {
      const settings = { smtpUrl: inbox.url, mailFrom: "Link Pass <no-reply@linkpass.test>" } as ModuleSettings;
      return deliverPendingMail(dataSource, settings, createLogger("silent"));
    },
    lastTo(address) {
      return inbox.received.filter((mail) => mail.to.includes(address)).at(-1);
    },
    tokenSentTo(address) {
      const token = /token=([A-Za-z0-9_-]+)/.exec(inbox.lastTo(address)?.text ?? "")?.[1];
      if (!token) throw new Error(`no token was mailed to ${address}`);
      return token;
    },
    refuseMessages(refuse) {
      refusing = refuse;
    },
  };
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (refusing) return callback(Object.assign(new Error("busy, try later"), { responseCode: 451 }));
          inbox.received.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    inbox.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return inbox;
}

/** A single-part text message as nodemailer writes it: headers, then a quoted-printable or base64 body. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headerText)?.[1] ?? "";
  const body = raw.slice(split + 4);
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return { subject: decodeEncodedWords(header("Subject")), text: text.replace(/\r\n/g, "\n") };
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}
