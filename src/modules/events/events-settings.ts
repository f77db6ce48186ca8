import type { SettingSpecs } from "../../config";

declare module "../../config" {
  interface ModuleSettings {
    /** Hosts webhooks may reach although they resolve to private, loopback or link-local addresses. */
    webhookAllowedHosts: readonly string[];
    /** How long a webhook receiver has to answer. */
    webhookTimeoutMs: number;
    /** Jobs each API process runs at once (graphile-worker); 0: this process runs no event delivery. */
    eventWorkerConcurrency: number;
  }
}

export const EVENTS_SETTINGS: SettingSpecs = {
  webhookAllowedHosts: {
    variable: "WEBHOOK_ALLOWED_HOSTS",
    parse: (text) => text.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean),
  },
  webhookTimeoutMs: { variable: "WEBHOOK_TIMEOUT_MS", parse: (text) => wholeNumber(text, 5000, 1) },
  eventWorkerConcurrency: { variable: "EVENT_WORKER_CONCURRENCY", parse: (text) => wholeNumber(text, 2, 0) },
};

function wholeNumber(text: string, fallback: number, least: number): number {
  if (text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`must be a whole number, ${least} or more`);
  return value;
}
