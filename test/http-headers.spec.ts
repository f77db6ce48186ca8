import { createHash } from "node:crypto";
import { IncomingHttpHeaders, request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { spyOnRequestStatements } from "./support/request-statements";
import { COMPRESSION_THRESHOLD_BYTES } from "../src/http/http-answer";
import { useTestApp } from "./support/test-app";

const t = useTestApp();
let token: string;
beforeAll(async () => {
  token = await t.login("president@hq.demo");
});

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire, still encoded. */
  body: Buffer;
}

/** One request through node:http, which (unlike fetch) neither adds Accept-Encoding nor decodes the answer. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: "127.0.0.1", port: t.app.port, method, path, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const postGraphQL = (query: string, headers: Record<string, string> = {}) =>
  send("POST", "/graphql", { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, JSON.stringify({ query }));
const getGraphQL = (query: string, headers: Record<string, string> = {}) =>
  send("GET", `/graphql?query=${encodeURIComponent(query)}`, { authorization: `Bearer ${token}`, "apollo-require-preflight": "true", ...headers });
const getCsv = (headers: Record<string, string> = {}) => send("GET", "/reports/network-report.csv", { authorization: `Bearer ${token}`, ...headers });

const varyOf = (answer: RawAnswer) => String(answer.headers.vary ?? "").split(",").map((name) => name.trim().toLowerCase());

/** A query whose answer is well over the compression threshold. */
const LARGE_QUERY = "{ serviceCases(first: 100) { totalCount edges { cursor node { id title step tier } } } }";
const SMALL_QUERY = "{ me { user { id } } }";

describe("CORS", () => {
  const LOCAL_PORTAL = "http://localhost:5173";
  const preflight = (path: string, origin: string) =>
    send("OPTIONS", path, {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, x-tenant-id, idempotency-key, apollo-require-preflight, x-apollo-operation-name",
    });

  it("a preflight from an allowed origin is answered 204 with the methods and every header a client sends, and runs nothing", async () => {
    const statements = spyOnRequestStatements();
    const answer = await preflight("/graphql", LOCAL_PORTAL).finally(() => statements.restore());
    expect(statements.texts()).toEqual([]);
    expect(answer.status).toBe(204);
    expect(answer.body.length).toBe(0);
    expect(answer.headers["access-control-allow-origin"]).toBe(LOCAL_PORTAL);
    expect(answer.headers["access-control-allow-methods"]).toBe("GET, POST");
    const allowed = String(answer.headers["access-control-allow-headers"]).split(", ");
    for (const header of ["authorization", "content-type", "x-tenant-id", "idempotency-key", "apollo-require-preflight", "x-apollo-operation-name"]) {
      expect(allowed).toContain(header);
    }
    expect(varyOf(answer)).toContain("origin");
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("any port of localhost and 127.0.0.1 is allowed outside production", async () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:8080", "http://localhost"]) {
      expect((await preflight("/graphql", origin)).headers["access-control-allow-origin"]).toBe(origin);
    }
  });

  it("a page from an allowed origin may read the answer and the headers it needs", async () => {
    const answer = await postGraphQL(SMALL_QUERY, { origin: LOCAL_PORTAL });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(LOCAL_PORTAL);
    expect(answer.headers["access-control-expose-headers"]).toContain("retry-after");
    expect(varyOf(answer)).toContain("origin");
  });

  it("a disallowed origin gets no Access-Control-Allow-Origin, on the preflight or on the answer", async () => {
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "https://localhost:5173", "null"]) {
      const answers = [await preflight("/graphql", origin), await postGraphQL(SMALL_QUERY, { origin }), await getCsv({ origin })];
      for (const answer of answers) {
        expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
        expect(answer.headers["access-control-allow-headers"]).toBeUndefined();
        expect(varyOf(answer)).toContain("origin");
      }
    }
  });

  it("the CSV routes answer preflights and allowed origins too", async () => {
    const answer = await preflight("/reports/network-report.csv", LOCAL_PORTAL);
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe(LOCAL_PORTAL);
    expect(answer.headers["access-control-allow-methods"]).toBe("GET");
    const csv = await getCsv({ origin: LOCAL_PORTAL });
    expect(csv.status).toBe(200);
    expect(csv.headers["access-control-allow-origin"]).toBe(LOCAL_PORTAL);
  });

  it("a preflight for a path we do not serve is a 404", async () => {
    expect((await preflight("/nowhere", LOCAL_PORTAL)).status).toBe(404);
  });
});

describe("cache headers", () => {
  const persistedMiss = () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(`${SMALL_QUERY} # miss`).digest("hex") } };
    return send("GET", `/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" });
  };

  it("every answer that depends on the caller says private, no-store and varies by Authorization and x-tenant-id", async () => {
    const answers = {
      "POST with a token": await postGraphQL(SMALL_QUERY),
      "GET with a token": await getGraphQL(SMALL_QUERY),
      "a persisted-query miss": await persistedMiss(),
      "a refusal without a token": await send("POST", "/graphql", { "content-type": "application/json" }, JSON.stringify({ query: SMALL_QUERY })),
      "a CSV report": await getCsv(),
      "a CSV refusal": await send("GET", "/reports/network-report.csv"),
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect({ kind, cacheControl: answer.headers["cache-control"] }).toEqual({ kind, cacheControl: "private, no-store" });
      expect(varyOf(answer)).toEqual(expect.arrayContaining(["origin", "authorization", "x-tenant-id"]));
    }
  });

  it("health answers are never cached", async () => {
    for (const path of ["/healthz", "/readyz"]) expect((await send("GET", path)).headers["cache-control"]).toBe("no-store");
  });
});

describe("compression", () => {
  const decode = (answer: RawAnswer) => {
    const encoding = answer.headers["content-encoding"];
    if (encoding === "br") return brotliDecompressSync(answer.body).toString("utf8");
    if (encoding === "gzip") return gunzipSync(answer.body).toString("utf8");
    return answer.body.toString("utf8");
  };

  it("a GraphQL answer over the threshold is compressed as the client accepts, brotli first, and varies by Accept-Encoding", async () => {
    const plain = await postGraphQL(LARGE_QUERY);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    expect(varyOf(plain)).toContain("accept-encoding");
    const expected = JSON.parse(plain.body.toString("utf8"));
    expect(expected.errors).toBeUndefined();
    const cases: [string, string][] = [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip;q=0.5", "gzip"],
      ["*", "br"],
    ];
    for (const [acceptEncoding, encoding] of cases) {
      const answer = await postGraphQL(LARGE_QUERY, { "accept-encoding": acceptEncoding });
      expect({ acceptEncoding, encoding: answer.headers["content-encoding"] }).toEqual({ acceptEncoding, encoding });
      expect(answer.body.length).toBeLessThan(plain.body.length);
      expect(JSON.parse(decode(answer))).toEqual(expected);
      expect(varyOf(answer)).toContain("accept-encoding");
    }
    const get = await getGraphQL(LARGE_QUERY, { "accept-encoding": "gzip" });
    expect(get.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decode(get))).toEqual(expected);
  });

  it("an answer under the threshold, or to a client that accepts neither encoding, is sent as it is", async () => {
    const small = await postGraphQL(SMALL_QUERY, { "accept-encoding": "br, gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(Number(small.headers["content-length"])).toBe(small.body.length);
    expect(varyOf(small)).toContain("accept-encoding");
    const identity = await postGraphQL(LARGE_QUERY, { "accept-encoding": "identity, br;q=0" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(identity.body.toString("utf8")).data.serviceCases.edges.length).toBeGreaterThan(0);
  });

  it("a CSV report is compressed as a stream", async () => {
    const plain = await getCsv();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    for (const encoding of ["br", "gzip"]) {
      const answer = await getCsv({ "accept-encoding": encoding });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(encoding);
      expect(answer.headers["content-length"]).toBeUndefined();
      expect(answer.headers["transfer-encoding"]).toBe("chunked");
      expect(varyOf(answer)).toContain("accept-encoding");
      expect(decode(answer)).toBe(plain.body.toString("utf8"));
    }
  });
});
