import { readFileSync } from "node:fs";

/**
 * Where an arm's CPU goes (issue 21): a .cpuprofile taken by arm-probe under the load of one shape,
 * its self time grouped by the package the code belongs to. Built-in functions (no script URL:
 * Array.prototype.map, a RegExp, code graphql-jit generated) count for the package that called
 * them, except JSON's parse and stringify, which are a group of their own.
 */

/** The inspector's profile format (Profiler.stop), the parts read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export const GROUPS = [
  "Apollo request pipeline",
  "graphql execution / graphql-jit",
  "graphql-shield / middleware",
  "type-graphql",
  "TypeORM",
  "pg protocol + type parsing",
  "dataloader",
  "JSON",
  "pino logging",
  "GC",
  "node internals (http, streams, timers)",
  "V8 / native code (program)",
  "our src/",
  "other packages",
] as const;
export type Group = (typeof GROUPS)[number];

const PACKAGE_GROUPS: [RegExp, Group][] = [
  [/^@apollo\/|^@escape\.tech\/graphql-armor|^@graphql-tools\//, "Apollo request pipeline"],
  [/^graphql$|^graphql-jit$|^fast-json-stringify$|^generate-function$|^lodash\.(memoize|merge)$/, "graphql execution / graphql-jit"],
  [/^graphql-shield$|^graphql-middleware$|^object-hash$/, "graphql-shield / middleware"],
  [/^type-graphql$|^class-validator$|^class-transformer$/, "type-graphql"],
  [/^typeorm$|^reflect-metadata$/, "TypeORM"],
  [/^pg$|^pg-|^postgres-(date|array|interval|bytea)$/, "pg protocol + type parsing"],
  [/^dataloader$/, "dataloader"],
  [/^pino|^sonic-boom$|^thread-stream$/, "pino logging"],
];

/** The group of code at a script URL; null for built-ins, which take their caller's. */
function groupOfUrl(url: string): Group | null {
  if (url === "") return null;
  if (url.startsWith("node:") || !url.includes("/")) return "node internals (http, streams, timers)";
  const inPackage = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return PACKAGE_GROUPS.find(([pattern]) => pattern.test(inPackage[1]))?.[1] ?? "other packages";
  // Our own timestamptz parser is pg's type parsing, done our way.
  if (/\/src\/db\/timestamps\.[jt]s$/.test(url)) return "pg protocol + type parsing";
  return /\/src\//.test(url) ? "our src/" : "other packages";
}

export interface Breakdown {
  /** Sampled time the process was busy (idle excluded), in ms. */
  busyMs: number;
  /** Share of the busy time, 0–1, per group. */
  shares: Record<Group, number>;
}

export function breakdownOf(profile: CpuProfile): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const groupOf = new Map<number, Group | "idle">();
  const resolve = (id: number): Group | "idle" => {
    const known = groupOf.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    let group: Group | "idle";
    if (functionName === "(idle)") group = "idle";
    else if (functionName === "(garbage collector)") group = "GC";
    else if (functionName === "(program)") group = "V8 / native code (program)";
    else if (url === "" && (functionName === "stringify" || functionName === "parse" || functionName.startsWith("JSON"))) group = "JSON";
    else {
      const parent = parentOf.get(id);
      group = groupOfUrl(url) ?? (parent === undefined ? "node internals (http, streams, timers)" : resolve(parent));
      if (group === "idle") group = "node internals (http, streams, timers)";
    }
    groupOf.set(id, group);
    return group;
  };
  const micros = new Map<Group | "idle", number>();
  profile.samples.forEach((id, index) => {
    // A sample's time is the gap to the next one (the last takes the one before it).
    const delta = profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0;
    const group = resolve(id);
    micros.set(group, (micros.get(group) ?? 0) + delta);
  });
  const busy = [...micros].filter(([group]) => group !== "idle").reduce((sum, [, value]) => sum + value, 0);
  const shares = Object.fromEntries(GROUPS.map((group) => [group, busy > 0 ? (micros.get(group) ?? 0) / busy : 0])) as Record<Group, number>;
  return { busyMs: busy / 1000, shares };
}

export function breakdownOfFile(file: string): Breakdown {
  return breakdownOf(JSON.parse(readFileSync(file, "utf8")));
}

/** One column per shape: each group's share of the arm's busy CPU under that shape's load. */
export function renderBreakdown(arm: string, columns: { shape: string; breakdown: Breakdown }[]): string[] {
  const percent = (share: number) => `${(100 * share).toFixed(1)} %`;
  return [
    `CPU profile of ${arm}, one shape's load at a time (self time by package, share of the busy samples; bench/profile-breakdown.ts):`,
    "",
    `| package | ${columns.map((column) => column.shape).join(" | ")} |`,
    `|---|${columns.map(() => "---|").join("")}`,
    ...GROUPS.map((group) => `| ${group} | ${columns.map((column) => percent(column.breakdown.shares[group])).join(" | ")} |`),
    `| busy ms sampled | ${columns.map((column) => column.breakdown.busyMs.toFixed(0)).join(" | ")} |`,
  ];
}
