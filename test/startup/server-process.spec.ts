import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { TestDatabase, createTestDatabase } from "../support/test-database";
import { startTestApp } from "../support/test-app";
import { LogLine, occupyPort } from "./support";

const ROOT = path.join(__dirname, "..", "..");

/** `node src/main.ts` as `npm start` runs it (in development mode, so Apollo behaves as it does there). */
function runServer(env: Record<string, string>): { child: ChildProcess; lines: LogLine[]; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ["--require", path.join(__dirname, "swc-register.js"), path.join(ROOT, "src", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", PORT: "0", SEED_DEMO_DATA: "false", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk;
    const complete = stdout.split("\n");
    stdout = complete.pop()!;
    for (const line of complete) if (line.startsWith("{")) lines.push(JSON.parse(line));
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  // "close", not "exit": by then everything the process wrote has been read.
  const exit = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exit };
}

async function untilListening(lines: LogLine[], exit: Promise<number | null>): Promise<void> {
  let exited = false;
  void exit.then(() => (exited = true));
  while (!lines.some((line) => line.msg === "Link Pass network API is listening")) {
    if (exited) throw new Error(`the server exited before listening: ${JSON.stringify(lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the server process", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("on SIGTERM an idle server on DATABASE_URL runs its whole shutdown and exits 0, not when idle connections time out", async () => {
    const server = runServer({ DATABASE_URL: database.url });
    await untilListening(server.lines, server.exit);
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    // "stopped" is logged only once stop() has closed the HTTP server, Apollo and the pool.
    const afterSignal = server.lines.slice(server.lines.findIndex((line) => line.signal === "SIGTERM"));
    expect(afterSignal.map((line) => line.msg)).toEqual(["draining requests and closing", "stopped"]);
    expect(server.stderr()).toBe("");
  }, 60_000);

  it("a PORT already in use is one line on stderr and exit code 1", async () => {
    const taken = await occupyPort();
    try {
      const server = runServer({ DATABASE_URL: database.url, PORT: String(taken.port) });
      expect(await server.exit).toBe(1);
      expect(server.stderr()).toBe(`port ${taken.port} on 127.0.0.1 is already in use (is another server running?): stop it, or set PORT to a free port\n`);
    } finally {
      await taken.release();
    }
  }, 60_000);

  it("stop() closes every pooled connection, idle ones included", async () => {
    const t = await startTestApp();
    expect((await fetch(t.app.url.replace("/graphql", "/readyz"))).status).toBe(200);
    const pool = (t.app.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    expect(pool.idleCount).toBeGreaterThan(0);
    await t.stop();
    expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 0, idle: 0 });
  });
});
