import pino, { Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "link-pass-api" }, timestamp: pino.stdTimeFunctions.isoTime });
}
