import autocannon from "autocannon";
import { ChildProcess, fork, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { ArmProbe } from "./arm-probe";
import { BENCH_CITY_CODE, BENCH_PASSWORD, NetworkSize, generateNetwork, recreateDatabase } from "./dataset";
import { Breakdown, breakdownOfFile, renderBreakdown } from "./profile-breakdown";
import { BenchTargets, NETWORK_REPORT_SQL, SHAPES } from "./shapes";

/**
 * Our server against the raw ceiling and PostGraphile, in one run on one machine (issue 7):
 * generates the network, starts every arm on the same database with the same pool, then runs
 * every query shape against every arm interleaved, round after round, and writes RESULTS.md and
 * results.json. Usage: npm run bench [-- --quick] [-- --reuse] [-- --profile] (reuse: keep the
 * generated data; profile: only profile ours under each shape's load and print the breakdown, which
 * the full run also writes into RESULTS.md).
 */
const quick = process.argv.includes("--quick");
const reuse = process.argv.includes("--reuse");
const profileOnly = process.argv.includes("--profile");
const FULL: NetworkSize = { national: 10, citiesPerNational: 19, clients: 200_000, cases: 1_000_000, tasksPerCase: 2, communications: 1000 };
const QUICK: NetworkSize = { national: 3, citiesPerNational: 5, clients: 5_000, cases: 25_000, tasksPerCase: 2, communications: 1000 };
const size = quick ? QUICK : FULL;
const ROUNDS = 5;
/**
 * About how long one measurement lasts. Each is a fixed number of requests (so none is left in
 * flight to weigh on the next arm): a shape's count is what its slowest arm serves in this time.
 */
const SECONDS = quick ? 0.3 : 3;
const CONNECTIONS = 16;
/** At least one request per connection in a throughput run, and this many latency samples. */
const MIN_REQUESTS = CONNECTIONS;
const MIN_LATENCY_SAMPLES = 10;
const POOL_SIZE = "10";
/** The fixed arrival rate of a shape: this share of the slowest arm's median throughput. */
const RATE_SHARE = 0.5;
/**
 * The fixed-rate table (issue 21): the highest arrival rate at which p99 stays under this, found
 * by bisection between 0 and a little above the arm's closed-loop throughput (which an open loop
 * cannot outrun), each step a fixed number of requests lasting about FIXED_RATE_SECONDS.
 */
const P99_LIMIT_MS = 50;
const FIXED_RATE_STEPS = quick ? 4 : 7;
const FIXED_RATE_SECONDS = quick ? 0.5 : 3;
const FIXED_RATE_HEADROOM = 1.2;
const MIN_FIXED_RATE_SAMPLES = 100;

const benchDir = path.resolve(__dirname, "../../bench");
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = quick ? "link_pass_bench_quick" : "link_pass_bench";
const jwtSecret = "bench-secret-bench-secret-bench-secret";

interface Arm {
  name: string;
  /** Where a shape's request goes. */
  url(port: number, shapeIndex: number): string;
  script: string;
  args?: string[];
}

const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
const ARMS: Arm[] = [
  { name: "ours", url: graphqlUrl, script: path.join(__dirname, "arms/ours.js") },
  { name: "ours without shield and RLS", url: graphqlUrl, script: path.join(__dirname, "arms/ours.js"), args: ["--without-shield-and-rls"] },
  { name: "ceiling", url: (port, shapeIndex) => `http://127.0.0.1:${port}/${shapeIndex}`, script: path.join(__dirname, "arms/ceiling.js") },
  { name: "PostGraphile 5", url: graphqlUrl, script: path.join(benchDir, "postgraphile/server.js") },
];
const [OURS, OURS_BARE, CEILING, PEER] = ARMS.map((arm) => arm.name);

interface RunningArm {
  arm: Arm;
  process: ChildProcess;
  port: number;
  probe(): Promise<ArmProbe>;
  /** Sends an IPC message to the arm's probe and resolves with the value of its answer's `key`. */
  ask<T>(message: unknown, key: string): Promise<T>;
}

/** Requests per shape while it is profiled: this many times its measurement's. */
const PROFILE_LOAD_FACTOR = 3;

interface Measurement {
  round: number;
  shape: string;
  arm: string;
  requestsPerSecond: number;
  cpuMsPerRequest: number;
}

/** Counted on requests sent one at a time, so none is in flight when the probe reads. */
interface StatementCount {
  shape: string;
  arm: string;
  statementsPerRequest: number;
  roundTripsPerRequest: number;
}

/** The highest rate (requests a second) an arm held with p99 under P99_LIMIT_MS; 0 when none did. */
interface FixedRateMeasurement {
  shape: string;
  arm: string;
  rate: number;
  /** The p99 measured at that rate. */
  p99: number;
}

interface LatencyMeasurement {
  round: number;
  shape: string;
  arm: string;
  rate: number;
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  installPeer();
  const url = reuse ? adminUrl.replace(/\/[^/]*$/, `/${database}`) : await generate();
  const targets = await findTargets(url);
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: POOL_SIZE,
    JWT_SECRET: jwtSecret,
    BENCH_TARGETS: JSON.stringify(targets),
  };
  const arms = await Promise.all(ARMS.map((arm) => startArm(arm, env)));
  try {
    const requests = await prepareRequests(arms, targets);
    const throughput: Measurement[] = [];
    const latency: LatencyMeasurement[] = [];
    console.log(`warm-up: ${2 * CONNECTIONS} requests per arm and shape`);
    const requestCount = new Map<string, number>();
    for (const [shapeIndex, shape] of SHAPES.entries()) {
      const rates = [];
      for (const arm of arms) rates.push(requestsPerSecond(await load(requests(arm, shapeIndex), { amount: 2 * CONNECTIONS })));
      requestCount.set(shape.name, Math.max(MIN_REQUESTS, Math.round(Math.min(...rates) * SECONDS)));
    }
    if (profileOnly) {
      console.log(`\n${renderBreakdown(OURS, await profileShapes(arms, requests, requestCount)).join("\n")}\n`);
      return;
    }
    const statements = await countStatements(arms, requests);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [shapeIndex, shape] of SHAPES.entries()) {
        for (const arm of rotate(arms, round)) {
          const before = await arm.probe();
          const result = await load(requests(arm, shapeIndex), { amount: requestCount.get(shape.name)! });
          const after = await arm.probe();
          throughput.push({
            round,
            shape: shape.name,
            arm: arm.arm.name,
            requestsPerSecond: requestsPerSecond(result),
            cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / result.requests.total,
          });
        }
      }
      progressLine(`throughput round ${round}/${ROUNDS}`);
    }
    const rates = new Map(
      SHAPES.map((shape) => [shape.name, Math.max(1, Math.round(RATE_SHARE * Math.min(...ARMS.map((arm) => median(throughput.filter((m) => m.shape === shape.name && m.arm === arm.name).map((m) => m.requestsPerSecond))))))]),
    );
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [shapeIndex, shape] of SHAPES.entries()) {
        const rate = rates.get(shape.name)!;
        const amount = Math.max(MIN_LATENCY_SAMPLES, Math.round(rate * SECONDS));
        for (const arm of rotate(arms, round)) {
          const result = await load(requests(arm, shapeIndex), { amount, overallRate: rate });
          latency.push({ round, shape: shape.name, arm: arm.arm.name, rate, p50: result.latency.p50, p99: result.latency.p99 });
        }
      }
      progressLine(`latency round ${round}/${ROUNDS}`);
    }
    const fixedRate = await findFixedRates(arms, requests, throughput);
    // Last, so the profiler's cost weighs on no measurement; the quick smoke run leaves it to --profile.
    const profile = quick ? [] : await profileShapes(arms, requests, requestCount);
    const peakRssMiB = Object.fromEntries(await Promise.all(arms.map(async (arm) => [arm.arm.name, (await arm.probe()).maxRssKiB / 1024] as const)));
    const machine = describeMachine();
    const report = { machine, size, quick, rounds: ROUNDS, secondsPerMeasurement: SECONDS, connections: CONNECTIONS, poolSize: Number(POOL_SIZE), throughput, latency, fixedRate, p99LimitMs: P99_LIMIT_MS, profile, statements, peakRssMiB };
    const table = renderResults(report);
    const suffix = quick ? "-quick" : "";
    writeFileSync(path.join(benchDir, `RESULTS${suffix}.md`), table);
    writeFileSync(path.join(benchDir, `results${suffix}.json`), JSON.stringify(report, null, 2) + "\n");
    console.log(`\n${table}\nwritten bench/RESULTS${suffix}.md and bench/results${suffix}.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const arm of arms) arm.process.kill();
  }
}

/** PostGraphile lives in its own folder with its own lock file; installed on the first run. */
function installPeer(): void {
  const folder = path.join(benchDir, "postgraphile");
  if (existsSync(path.join(folder, "node_modules"))) return;
  console.log("installing PostGraphile into bench/postgraphile …");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: folder, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci in bench/postgraphile failed");
}

async function generate(): Promise<string> {
  console.log(`generating ${quick ? "the quick" : "the full"} network into ${database} …`);
  const url = await recreateDatabase(adminUrl, database);
  await generateNetwork(url, size);
  const db = new Client({ connectionString: url });
  await db.connect();
  // The peer's network report: a PostgreSQL function over the same SQL the ceiling runs.
  await db.query(`
    CREATE SCHEMA bench_peer;
    CREATE FUNCTION bench_peer.network_report() RETURNS TABLE (code text, clients int, cases int, open_cases int)
      LANGUAGE sql STABLE AS $$ ${NETWORK_REPORT_SQL} $$;
    GRANT USAGE ON SCHEMA bench_peer TO linkpass_app;
    GRANT EXECUTE ON FUNCTION bench_peer.network_report() TO linkpass_app;`);
  await db.end();
  return url;
}

async function findTargets(url: string): Promise<BenchTargets> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT t.id AS "cityTenantId",
              (SELECT id FROM service_cases WHERE tenant_id = t.id ORDER BY opened_at, id LIMIT 1) AS "caseId",
              (SELECT client_id FROM client_communications WHERE tenant_id = t.id GROUP BY client_id ORDER BY count(*) DESC LIMIT 1) AS "clientId"
         FROM tenants t WHERE t.code = $1`,
      [BENCH_CITY_CODE],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

/** Forks an arm with the probe preloaded and waits until it listens. */
function startArm(arm: Arm, env: NodeJS.ProcessEnv): Promise<RunningArm> {
  const child = fork(arm.script, arm.args ?? [], { env, execArgv: ["--require", path.join(__dirname, "arm-probe.js")], stdio: "inherit" });
  const ask = <T>(request: unknown, key: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off("message", listener);
        resolve(message[key] as T);
      };
      child.on("message", listener);
      child.send(request as string);
    });
  const probe = () => ask<ArmProbe>("probe", "probe");
  return new Promise((resolve, reject) => {
    child.on("message", (message: { ready?: number }) => message.ready && resolve({ arm, process: child, port: message.ready, probe, ask }));
    child.on("exit", (code) => reject(new Error(`${arm.name} exited with ${code} before it listened`)));
  });
}

type RequestOptions = { url: string; method: "POST"; headers: Record<string, string>; body: string };

/**
 * Logs every shape's user in (through our server), checks that each arm answers each shape
 * without an error and with as many values, and returns the request of an arm and a shape.
 */
async function prepareRequests(arms: RunningArm[], targets: BenchTargets): Promise<(arm: RunningArm, shapeIndex: number) => RequestOptions> {
  const ours = arms.find((arm) => arm.arm.name === OURS)!;
  const tokens = new Map<string, string>();
  for (const email of new Set(SHAPES.map((shape) => shape.email))) {
    const response = await fetch(graphqlUrl(ours.port), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { login(email: "${email}", password: "${BENCH_PASSWORD}") { token } }` }),
    });
    tokens.set(email, ((await response.json()) as any).data.login.token);
  }
  const requestOf = (arm: RunningArm, shapeIndex: number): RequestOptions => {
    const shape = SHAPES[shapeIndex];
    const query = arm.arm.name === PEER ? shape.peer(targets) : shape.ours(targets);
    return {
      url: arm.arm.url(arm.port, shapeIndex),
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.get(shape.email)}` },
      body: JSON.stringify({ query }),
    };
  };
  for (const [shapeIndex, shape] of SHAPES.entries()) {
    const valueCounts = new Map<string, number>();
    for (const arm of arms) {
      const request = requestOf(arm, shapeIndex);
      const response = await fetch(request.url, request);
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (!response.ok || body.errors || !body.data) throw new Error(`${arm.arm.name} failed ${shape.name}: ${JSON.stringify(body).slice(0, 500)}`);
      valueCounts.set(arm.arm.name, countValues(body.data));
    }
    if (new Set(valueCounts.values()).size !== 1) throw new Error(`the arms disagree on ${shape.name}: ${JSON.stringify(Object.fromEntries(valueCounts))}`);
    console.log(`${shape.name}: every arm answers the same ${valueCounts.get(OURS)} values`);
  }
  return requestOf;
}

/** Scalar values in a response: what an arm returned, whatever its nesting. */
function countValues(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  return Object.values(value).reduce((sum: number, item) => sum + countValues(item), 0);
}

/**
 * Profiles ours under each shape's load in turn (the profiler runs only while that shape's
 * requests do), keeps the .cpuprofile files in bench/profiles/ and returns their breakdowns.
 */
async function profileShapes(
  arms: RunningArm[],
  requestOf: (arm: RunningArm, shapeIndex: number) => RequestOptions,
  requestCount: Map<string, number>,
): Promise<{ shape: string; breakdown: Breakdown }[]> {
  const ours = arms.find((arm) => arm.arm.name === OURS)!;
  const folder = path.join(benchDir, "profiles");
  mkdirSync(folder, { recursive: true });
  const breakdowns = [];
  for (const [shapeIndex, shape] of SHAPES.entries()) {
    const file = path.join(folder, `ours-${shapeIndex}-${shape.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.cpuprofile`);
    await ours.ask({ profile: "start" }, "profiling");
    await load(requestOf(ours, shapeIndex), { amount: PROFILE_LOAD_FACTOR * requestCount.get(shape.name)! });
    const written = await ours.ask<string | null>({ profile: "stop", file }, "profiled");
    if (!written) throw new Error(`the profile of ${shape.name} was not written`);
    breakdowns.push({ shape: shape.name, breakdown: breakdownOfFile(written) });
    progressLine(`profiled: ${shape.name}`);
  }
  return breakdowns;
}

const SEQUENTIAL_REQUESTS = 10;

async function countStatements(arms: RunningArm[], requestOf: (arm: RunningArm, shapeIndex: number) => RequestOptions): Promise<StatementCount[]> {
  const counts: StatementCount[] = [];
  for (const [shapeIndex, shape] of SHAPES.entries()) {
    for (const arm of arms) {
      const request = requestOf(arm, shapeIndex);
      const before = await arm.probe();
      for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) await (await fetch(request.url, request)).arrayBuffer();
      const after = await arm.probe();
      counts.push({
        shape: shape.name,
        arm: arm.arm.name,
        statementsPerRequest: (after.statements - before.statements) / SEQUENTIAL_REQUESTS,
        roundTripsPerRequest: (after.roundTrips - before.roundTrips) / SEQUENTIAL_REQUESTS,
      });
    }
  }
  return counts;
}

/** `amount` requests over (at most) CONNECTIONS connections, as fast as they go or at `overallRate` a second. */
async function load(request: RequestOptions, options: { amount: number; overallRate?: number }): Promise<autocannon.Result> {
  // autocannon reports only on its sampling tick: 10 ms rather than its default second, so a
  // short measurement does not wait out (and count) an idle second.
  const result = await autocannon({ ...request, connections: Math.min(CONNECTIONS, options.amount), amount: options.amount, overallRate: options.overallRate, sampleInt: 10 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${request.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/** The arms and shapes of the fixed-rate table. */
const FIXED_RATE_ARMS = [OURS, CEILING, PEER];
const FIXED_RATE_SHAPES = [0, 1];

/**
 * Bisects, per arm and shape, the highest fixed arrival rate whose p99 stays under the limit.
 * The arms move in lockstep, one step each in rotated order, so the machine's drift lands on all.
 */
async function findFixedRates(
  arms: RunningArm[],
  requestOf: (arm: RunningArm, shapeIndex: number) => RequestOptions,
  throughput: Measurement[],
): Promise<FixedRateMeasurement[]> {
  const found: FixedRateMeasurement[] = [];
  const measured = arms.filter((arm) => FIXED_RATE_ARMS.includes(arm.arm.name));
  for (const shapeIndex of FIXED_RATE_SHAPES) {
    const shape = SHAPES[shapeIndex];
    const bounds = new Map(
      measured.map((arm) => {
        const closedLoop = median(throughput.filter((m) => m.shape === shape.name && m.arm === arm.arm.name).map((m) => m.requestsPerSecond));
        return [arm, { held: 0, p99: 0, failed: Math.max(2, Math.ceil(FIXED_RATE_HEADROOM * closedLoop)) }];
      }),
    );
    for (let step = 1; step <= FIXED_RATE_STEPS; step++) {
      for (const arm of rotate(measured, step)) {
        const bound = bounds.get(arm)!;
        // The first step tries the top, so an arm that holds it is not reported below it.
        const rate = step === 1 ? bound.failed : Math.round((bound.held + bound.failed) / 2);
        if (step > 1 && (rate <= bound.held || rate >= bound.failed)) continue;
        const { p99 } = await openLoop(requestOf(arm, shapeIndex), { rate, amount: Math.max(MIN_FIXED_RATE_SAMPLES, Math.round(rate * FIXED_RATE_SECONDS)) });
        if (p99 < P99_LIMIT_MS) Object.assign(bound, { held: rate, p99 });
        else bound.failed = rate;
      }
    }
    for (const [arm, bound] of bounds) found.push({ shape: shape.name, arm: arm.arm.name, rate: bound.held, p99: bound.p99 });
    progressLine(`fixed rate: ${shape.name}`);
  }
  return found;
}

/**
 * An open-loop generator: request i leaves at start + i / rate whatever became of the earlier
 * ones, and its latency counts from that scheduled moment, not from when it actually left, so a
 * server that falls behind is charged for the wait it caused (no coordinated omission). Sockets
 * are kept alive and opened as the schedule needs them. The answers were checked before the
 * measurements (prepareRequests), so a failure here is overload and counts against the p99.
 */
async function openLoop(request: RequestOptions, options: { rate: number; amount: number }): Promise<{ p50: number; p99: number }> {
  const target = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const body = Buffer.from(request.body);
  const headers = { ...request.headers, "content-length": String(body.length) };
  const latencies: number[] = [];
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const outgoing = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: request.method, headers }, (response) => {
        response.on("data", () => {});
        response.on("end", () => {
          // A failed answer (an overloaded arm's 503) never came: it counts as waited for forever.
          latencies.push(response.statusCode === 200 ? performance.now() - scheduled : Infinity);
          resolve();
        });
      });
      outgoing.on("error", () => {
        latencies.push(Infinity);
        resolve();
      });
      outgoing.end(body);
    });
  const interval = 1000 / options.rate;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let sent = 0; sent < options.amount; ) {
    const due = start + sent * interval;
    const wait = due - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    // Everything due by now leaves now, each charged from its own scheduled moment.
    inFlight.push(send(due));
    sent++;
  }
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99) };
}

function requestsPerSecond(result: autocannon.Result): number {
  return result.requests.total / result.duration;
}

/** Round n starts with arm n, so no arm always runs first (A B C, B C A, …). */
function rotate<T>(items: T[], round: number): T[] {
  const start = round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

function progressLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describeMachine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model;
  const postgres = spawnSync("psql", [adminUrl, "-Atc", "SHOW server_version"], { encoding: "utf8" }).stdout.trim();
  return { cores: os.availableParallelism(), cpu, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres, date: new Date().toISOString() };
}

type Report = {
  machine: ReturnType<typeof describeMachine>;
  size: NetworkSize;
  quick: boolean;
  rounds: number;
  secondsPerMeasurement: number;
  connections: number;
  poolSize: number;
  throughput: Measurement[];
  latency: LatencyMeasurement[];
  fixedRate: FixedRateMeasurement[];
  p99LimitMs: number;
  profile: { shape: string; breakdown: Breakdown }[];
  statements: StatementCount[];
  peakRssMiB: Record<string, number>;
};

const fixed = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const range = (values: number[], digits = 0) => `${fixed(median(values), digits)} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;

/** The Markdown table: medians across rounds, min–max in brackets; ratios are taken round by round. */
export function renderResults(report: Report): string {
  const { machine, size } = report;
  const lines = [
    `# Benchmark results${report.quick ? " (quick smoke size)" : ""}`,
    "",
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; ${machine.date}.`,
    `Data: ${1 + size.national + size.national * size.citiesPerNational} tenants, ${fixed(size.clients)} clients, ${fixed(size.cases)} service cases with ${size.tasksPerCase} tasks each.`,
    `${report.rounds} interleaved rounds after a warm-up; each measurement a fixed number of requests, about ${report.secondsPerMeasurement} s of the slowest arm's; ${report.connections} connections; pool of ${report.poolSize} per arm; NODE_ENV=production.`,
    "Figures: median across rounds (min–max). Ratios are taken within each round, then summarised the same way.",
    "",
    "| shape | arm | req/s | p50 ms | p99 ms (at req/s) | statements / request (round trips) | CPU ms / request |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const shape of SHAPES) {
    for (const arm of ARMS) {
      const runs = report.throughput.filter((m) => m.shape === shape.name && m.arm === arm.name);
      const latencies = report.latency.filter((m) => m.shape === shape.name && m.arm === arm.name);
      const counted = report.statements.find((m) => m.shape === shape.name && m.arm === arm.name)!;
      lines.push(
        `| ${shape.name} | ${arm.name} | ${range(runs.map((m) => m.requestsPerSecond))} | ${fixed(median(latencies.map((m) => m.p50)), 1)} | ${fixed(median(latencies.map((m) => m.p99)), 1)} (${fixed(latencies[0]?.rate ?? 0)}) | ${fixed(counted.statementsPerRequest, 1)} (${fixed(counted.roundTripsPerRequest, 1)}) | ${fixed(median(runs.map((m) => m.cpuMsPerRequest)), 2)} |`,
      );
    }
  }
  lines.push("", "| shape | ours ÷ ceiling | ours ÷ PostGraphile | ours ÷ ours without shield and RLS |", "|---|---|---|---|");
  for (const shape of SHAPES) {
    const ratio = (other: string) =>
      range(
        Array.from({ length: report.rounds }, (_, i) => {
          const inRound = (arm: string) => report.throughput.find((m) => m.shape === shape.name && m.arm === arm && m.round === i + 1)!.requestsPerSecond;
          return inRound(OURS) / inRound(other);
        }),
        2,
      );
    lines.push(`| ${shape.name} | ${ratio(CEILING)} | ${ratio(PEER)} | ${ratio(OURS_BARE)} |`);
  }
  lines.push("", ...renderFixedRates(report));
  if (report.profile.length > 0) lines.push("", ...renderBreakdown(OURS, report.profile));
  lines.push("", ...renderTargets(report));
  lines.push("", `Peak RSS (MiB): ${ARMS.map((arm) => `${arm.name} ${fixed(report.peakRssMiB[arm.name])}`).join(", ")}.`, "");
  return lines.join("\n");
}

/** The fixed-rate table: per shape, each arm's highest rate with p99 under the limit. */
export function renderFixedRates(report: Pick<Report, "fixedRate" | "p99LimitMs">): string[] {
  const shapes = [...new Set(report.fixedRate.map((m) => m.shape))];
  const held = (shape: string, arm: string) => report.fixedRate.find((m) => m.shape === shape && m.arm === arm);
  const cell = (shape: string, arm: string) => {
    const m = held(shape, arm);
    return m ? `${fixed(m.rate)} (p99 ${fixed(m.p99, 1)})` : "–";
  };
  return [
    `Highest fixed arrival rate (req/s, open loop) with p99 < ${report.p99LimitMs} ms, by bisection; in brackets the p99 (ms) measured at that rate:`,
    "",
    `| shape | ${FIXED_RATE_ARMS.join(" | ")} | ours ÷ PostGraphile |`,
    `|---|${FIXED_RATE_ARMS.map(() => "---|").join("")}---|`,
    ...shapes.map((shape) => {
      const peer = held(shape, PEER)?.rate ?? 0;
      const ours = held(shape, OURS)?.rate ?? 0;
      return `| ${shape} | ${FIXED_RATE_ARMS.map((arm) => cell(shape, arm)).join(" | ")} | ${peer > 0 ? fixed(ours / peer, 2) : "–"} |`;
    }),
  ];
}

/** Issue 21's targets (within one run, same data, same machine), each met or missed by this run's figures. */
function renderTargets(report: Report): string[] {
  const inRound = (shape: string, arm: string, round: number) =>
    report.throughput.find((m) => m.shape === shape && m.arm === arm && m.round === round)!.requestsPerSecond;
  const ratio = (shape: string, other: string) =>
    median(Array.from({ length: report.rounds }, (_, i) => inRound(shape, OURS, i + 1) / inRound(shape, other, i + 1)));
  const verdict = (met: boolean) => (met ? "**met**" : "**missed**");
  const [single, list50] = SHAPES;
  const ceilingTarget = (shape: string) => (shape === single.name || shape === list50.name ? 0.8 : 0.7);
  const networkReport = SHAPES[SHAPES.length - 1];
  const reportP50 = median(report.latency.filter((m) => m.shape === networkReport.name && m.arm === OURS).map((m) => m.p50));
  return [
    "| target | this run | verdict |",
    "|---|---|---|",
    ...SHAPES.map((shape) => {
      const peer = ratio(shape.name, PEER);
      return `| ours ÷ PostGraphile ≥ 1.3: ${shape.name} | ${fixed(peer, 2)} | ${verdict(peer >= 1.3)} |`;
    }),
    ...SHAPES.map((shape) => {
      const ceiling = ratio(shape.name, CEILING);
      const target = ceilingTarget(shape.name);
      return `| ours ÷ ceiling ≥ ${target}: ${shape.name} | ${fixed(ceiling, 2)} | ${verdict(ceiling >= target)} |`;
    }),
    ...SHAPES.map((shape) => {
      const cost = 1 - ratio(shape.name, OURS_BARE);
      return `| shield + RLS cost ≤ 5 %: ${shape.name} | ${fixed(100 * cost)} % | ${verdict(cost <= 0.05)} |`;
    }),
    ...SHAPES.map((shape) => {
      const counted = report.statements.find((m) => m.shape === shape.name && m.arm === OURS)!.statementsPerRequest;
      return `| statements ≤ 1 + ${shape.levels} (nesting levels): ${shape.name} | ${fixed(counted, 1)} | ${verdict(counted <= 1 + shape.levels)} |`;
    }),
    ...report.fixedRate
      .filter((m) => m.arm === OURS)
      .map((m) => {
        const peer = report.fixedRate.find((other) => other.shape === m.shape && other.arm === PEER)?.rate ?? 0;
        const ratio = peer > 0 ? m.rate / peer : 0;
        return `| fixed rate with p99 < ${report.p99LimitMs} ms, ours ≥ 1.3 × PostGraphile: ${m.shape} | ${fixed(ratio, 2)} | ${verdict(ratio >= 1.3)} |`;
      }),
    `| networkReport p50 < 200 ms here (${report.quick ? "quick size" : "201 tenants × 1M cases"}; the 1,001-tenant targets are \`npm run bench:report\`'s) | ${fixed(reportP50)} ms | ${verdict(reportP50 < 200)} |`,
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
