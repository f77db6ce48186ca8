import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import Module from "node:module";

/**
 * Preloaded into every arm (`node --require arm-probe.js`): counts the statements each `pg`
 * module sends (whichever copy of pg the arm loads, so PostGraphile's own is counted too) and
 * answers the bench's "probe" IPC message with the counts, CPU time and peak RSS of the process.
 * On `{ profile: "start" }` and `{ profile: "stop", file }` it samples the process's CPU with the
 * inspector's Profiler in between (the bench sends them around the load of one shape only) and
 * writes the .cpuprofile to `file`.
 */
export interface ArmProbe {
  /** Every statement sent, transaction control included. */
  roundTrips: number;
  /** Statements other than BEGIN / COMMIT / ROLLBACK sent on their own. */
  statements: number;
  cpuMicros: number;
  maxRssKiB: number;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)\s*;?\s*$/i;
const counts = { roundTrips: 0, statements: 0 };
const patched = new WeakSet<object>();

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoader = Module as unknown as { _load: Loader };
const load = moduleWithLoader._load;
moduleWithLoader._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain) as { Client?: { prototype: { query: (...args: unknown[]) => unknown } } };
  if (request === "pg" && loaded?.Client && !patched.has(loaded.Client.prototype)) {
    patched.add(loaded.Client.prototype);
    const query = loaded.Client.prototype.query;
    loaded.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? "");
      counts.roundTrips++;
      if (!TRANSACTION_CONTROL.test(text)) counts.statements++;
      return query.apply(this, args);
    };
  }
  return loaded;
};

/** Sampling interval in microseconds: fine enough for a few seconds of load to name the hot packages. */
const PROFILE_INTERVAL_MICROS = 200;
let profiler: Session | null = null;

type ProfileMessage = { profile: "start" } | { profile: "stop"; file: string };

function onProfileMessage(message: ProfileMessage): void {
  if (message.profile === "start") {
    profiler = new Session();
    profiler.connect();
    profiler.post("Profiler.enable", () =>
      profiler!.post("Profiler.setSamplingInterval", { interval: PROFILE_INTERVAL_MICROS }, () => profiler!.post("Profiler.start", () => process.send?.({ profiling: true }))),
    );
    return;
  }
  const session = profiler!;
  profiler = null;
  session.post("Profiler.stop", (error, result) => {
    if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
    session.disconnect();
    process.send?.({ profiled: error ? null : message.file });
  });
}

process.on("message", (message) => {
  if (typeof message === "object" && message !== null && "profile" in message) return onProfileMessage(message as ProfileMessage);
  if (message !== "probe") return;
  const cpu = process.cpuUsage();
  const probe: ArmProbe = { ...counts, cpuMicros: cpu.user + cpu.system, maxRssKiB: process.resourceUsage().maxRSS };
  process.send?.({ probe });
});
