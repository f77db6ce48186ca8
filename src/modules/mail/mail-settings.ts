import type { SettingSpecs } from "../../config";

declare module "../../config" {
  interface ModuleSettings {
    /** SMTP server mail goes through (`smtp://host:port`); unset: each message is logged instead. */
    smtpUrl: string | null;
    /** The From address of every message. */
    mailFrom: string;
    /**
     * The address clients reach this deployment at: links of the messages (invitation and reset
     * pages) and the documents' upload, download and share URLs. Null when unset: messages then
     * link to DEVELOPMENT_PUBLIC_URL and the documents' URLs are paths of this API.
     */
    publicUrl: string | null;
    /** How often each API process delivers the outbox; 0: never in this process. */
    mailDeliveryIntervalSeconds: number;
  }
}

export const MAIL_SETTINGS: SettingSpecs = {
  smtpUrl: { variable: "SMTP_URL", parse: parseSmtpUrl },
  mailFrom: { variable: "MAIL_FROM", parse: (text) => text.trim() || "Link Pass <no-reply@linkpass.local>" },
  publicUrl: { variable: "PUBLIC_URL", parse: parsePublicUrl },
  mailDeliveryIntervalSeconds: { variable: "MAIL_DELIVERY_INTERVAL_SECONDS", parse: parseIntervalSeconds },
};

function parseSmtpUrl(text: string): string | null {
  if (text === "") return null;
  if (!URL.canParse(text) || !["smtp:", "smtps:"].includes(new URL(text).protocol)) throw new Error("must be an smtp:// or smtps:// URL");
  return text;
}

/** Where a development server listens, for the links of messages when PUBLIC_URL is unset. */
export const DEVELOPMENT_PUBLIC_URL = "http://localhost:4000";

/** A path of this API as clients are given it: under PUBLIC_URL when set, else the path alone. */
export function publicAddress(publicUrl: string | null, path: string): string {
  return publicUrl === null ? path : `${publicUrl}${path}`;
}

function parsePublicUrl(text: string): string | null {
  if (text === "") return null;
  if (!URL.canParse(text) || !["http:", "https:"].includes(new URL(text).protocol)) throw new Error("must be an http:// or https:// URL");
  return text.replace(/\/+$/, "");
}

function parseIntervalSeconds(text: string): number {
  if (text === "") return 5;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("must be a whole number of seconds, 0 or more");
  return seconds;
}
