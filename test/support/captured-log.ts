import pino from "pino";
import { Writable } from "node:stream";
import type { Logger } from "../../src/shared/logger";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** Pino's numbers for the levels a test asserts on. */
export const LOG_LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** A logger whose lines a test can read: pino writes each one synchronously, before the answer is sent. */
export function capturedLog(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}
