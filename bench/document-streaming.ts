import "reflect-metadata";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { appModules, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { createLogger } from "../src/shared/logger";
import { startS3Server } from "../test/support/s3-server";

/**
 * Uploads and downloads one file of SIZE_MB (default 25) through the real server, once per storage
 * driver (the embedded PostgreSQL one, then S3), and reports throughput and the process's memory
 * while it streams. The client side makes its bytes on the fly and discards what it reads, so the
 * memory growth is the server's. The S3 run uses STORAGE_URL when set, else an s3rver on loopback
 * in this same process (its own buffers then count too).
 * Usage: DATABASE_URL=… npm run bench:documents [-- megabytes [postgres|s3]]
 */
const BYTES = Number(process.argv[2] ?? 25) * 1024 * 1024;
const DRIVERS = process.argv[3] ? [process.argv[3]] : ["postgres", "s3"];
const PIECE = 64 * 1024;

/** Deterministic content: a PDF signature, then pseudo-random pieces. */
function* content(): Generator<Buffer> {
  let sent = 0;
  let state = 1;
  while (sent < BYTES) {
    const piece = Buffer.alloc(Math.min(PIECE, BYTES - sent));
    for (let i = 0; i < piece.length; i += 4) piece.writeUInt32LE((state = (state * 1664525 + 1013904223) >>> 0), i);
    if (sent === 0) piece.write("%PDF-1.7\n", 0, "latin1");
    sent += piece.length;
    yield piece;
  }
}

function sha256OfContent(): string {
  const hash = createHash("sha256");
  for (const piece of content()) hash.update(piece);
  return hash.digest("hex");
}

/** The peak RSS and heap while `run` runs, sampled every 10 ms. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; startRssMb: number; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  sample();
  const timer = setInterval(sample, 10);
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  return { result, seconds, startRssMb: startRss / 2 ** 20, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
}

function send(url: URL, options: { method: string; headers?: Record<string, string>; body?: Readable }): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.body) options.body.pipe(req);
    else req.end();
  });
}

async function main(): Promise<void> {
  for (const driver of DRIVERS) {
    if (driver === "postgres") await run("the embedded PostgreSQL driver", "");
    else if (process.env.STORAGE_URL) await run(`the S3 driver (${new URL(process.env.STORAGE_URL).hostname})`, process.env.STORAGE_URL);
    else {
      const s3 = await startS3Server("link-pass-bench");
      try {
        await run("the S3 driver (s3rver on loopback, in this process)", s3.storageUrl);
      } finally {
        await s3.close();
      }
    }
  }
}

/** One file up and down with content stored where `storageUrl` says (empty: PostgreSQL). */
async function run(driver: string, storageUrl: string): Promise<void> {
  const modules = appModules();
  const config = loadConfig(
    { PORT: "0", HOST: "127.0.0.1", SEED_DEMO_DATA: "true", MIGRATE_ON_START: "true", LOG_LEVEL: "warn", ...process.env, MAX_UPLOAD_BYTES: String(BYTES), STORAGE_URL: storageUrl },
    modules.settings,
  );
  const app = await startApp(config, createLogger(config.logLevel));
  try {
    const graphql = async (query: string, token?: string) => {
      const response = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { data: any }).data;
    };
    const token = (await graphql(`mutation { login(email: "consultant@cn-sh.demo", password: "${DEMO_PASSWORD}") { token } }`)).login.token;
    const ticket = (
      await graphql(
        `mutation { createUpload(input: { fileName: "bench.pdf", contentType: "application/pdf", byteSize: ${BYTES}, sha256: "${sha256OfContent()}" }) { document { id } uploadUrl } }`,
        token,
      )
    ).createUpload;
    const upload = await measured(() =>
      send(new URL(ticket.uploadUrl, app.url), { method: "PUT", headers: { "content-length": String(BYTES) }, body: Readable.from(content()) }),
    );
    if (upload.result.status !== 200) throw new Error(`upload answered ${upload.result.status}`);
    const { downloadUrl } = (await graphql(`{ document(id: "${ticket.document.id}") { downloadUrl } }`, token)).document;
    const download = await measured(() => send(new URL(downloadUrl, app.url), { method: "GET", headers: { authorization: `Bearer ${token}` } }));
    if (download.result.bytes !== BYTES) throw new Error(`download gave ${download.result.bytes} bytes`);

    const mb = BYTES / 2 ** 20;
    console.log(`\nOne ${mb} MB file through ${driver} (one process: server and a streaming client)`);
    console.log("| direction | seconds | MB/s | RSS before MB | peak RSS MB | peak heap MB |\n|---|---|---|---|---|---|");
    for (const [name, run] of [["upload (PUT)", upload], ["download (GET)", download]] as const) {
      console.log(`| ${name} | ${run.seconds.toFixed(2)} | ${(mb / run.seconds).toFixed(1)} | ${run.startRssMb.toFixed(0)} | ${run.peakRssMb.toFixed(0)} | ${run.peakHeapMb.toFixed(0)} |`);
    }
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
