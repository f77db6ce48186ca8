import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createBrotliCompress, createGzip } from "node:zlib";

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
/** Brotli's default quality is meant for files compressed once; answers are compressed per request. */
const BROTLI_QUALITY = 4;

type ContentEncoding = "br" | "gzip";

/** Adds header names to the answer's Vary, keeping those already there. */
export function varyOn(res: ServerResponse, ...names: string[]): void {
  const current = res.getHeader("vary");
  res.setHeader("vary", [...(current ? [String(current)] : []), ...names].join(", "));
}

/** The encoding the client prefers among ours (Accept-Encoding, with q-values and `*`), brotli on a tie; none when it accepts neither. */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  const weights = new Map<string, number>();
  for (const item of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [coding, ...parameters] = item.split(";").map((part) => part.trim());
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    const weight = quality === undefined ? 1 : Number(quality.slice("q=".length));
    if (coding) weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  let chosen: ContentEncoding | undefined;
  let chosenWeight = 0;
  for (const encoding of ["br", "gzip"] as const) {
    const weight = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (weight > chosenWeight) [chosen, chosenWeight] = [encoding, weight];
  }
  return chosen;
}

/**
 * Sends an answer, compressed as the client accepts once it reaches the threshold. A stream is
 * read only as far as the threshold before deciding, then piped through zlib, never held whole.
 * A client that hangs up mid-answer is not an error of ours.
 */
export async function sendAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  answer: { status: number; headers: Record<string, string>; body: string | Buffer | Readable },
  { end = true }: { end?: boolean } = {},
): Promise<void> {
  varyOn(res, "Accept-Encoding");
  const { head, size, rest } = answer.body instanceof Readable ? await readHead(answer.body) : whole(answer.body);
  // An answer that states its own length (a stored file, sent as it was uploaded) is never re-encoded.
  const encoding =
    size >= COMPRESSION_THRESHOLD_BYTES && answer.headers["content-length"] === undefined ? negotiateEncoding(req.headers["accept-encoding"]) : undefined;
  if (!rest && !encoding) {
    res.writeHead(answer.status, { ...answer.headers, "content-length": String(size) });
    if (end) res.end(Buffer.concat(head));
    else res.write(Buffer.concat(head));
    return;
  }
  async function* chunks() {
    yield* head;
    if (rest) yield* { [Symbol.asyncIterator]: () => rest };
  }
  res.writeHead(answer.status, encoding ? { ...answer.headers, "content-encoding": encoding } : answer.headers);
  const sent = encoding ? pipeline(chunks(), compressor(encoding), res, { end }) : pipeline(chunks(), res, { end });
  await sent.catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  });
}

function whole(body: string | Buffer): { head: Buffer[]; size: number; rest?: undefined } {
  const buffer = Buffer.from(body);
  return { head: [buffer], size: buffer.length };
}

/** A stream's first chunks, up to the threshold; `rest` goes on reading it, undefined when it ended within them. */
async function readHead(stream: Readable): Promise<{ head: Buffer[]; size: number; rest?: AsyncIterator<unknown> }> {
  const chunks = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  while (size < COMPRESSION_THRESHOLD_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head, size };
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    head.push(chunk);
    size += chunk.length;
  }
  return { head, size, rest: chunks };
}

function compressor(encoding: ContentEncoding) {
  if (encoding === "gzip") return createGzip();
  return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
}
