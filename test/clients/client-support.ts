import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DocumentNode, parse } from "graphql";

export const OPERATIONS_DIR = path.join(__dirname, "operations");

/** The operation files the clients run and codegen types. */
export const operationFiles = () => readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith(".graphql")).map((file) => path.join(OPERATIONS_DIR, file));

/** An operation of test/clients/operations, by file name. */
export const operation = (name: string): DocumentNode => parse(readFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), "utf8"));

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** One HTTP exchange of a client with the server, as the client sent it and as the server answered. */
export interface Exchange {
  method: string;
  headers: Record<string, string>;
  /** Whether the request carried the document (a persisted-query hit sends only its hash). */
  sentDocument: boolean;
  status: number;
  codes: unknown[];
}

/** The fetch a client is given: the real one, with each exchange recorded. */
export function recordingFetch(exchanges: Exchange[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.clone().json().catch(() => undefined)) as { errors?: { extensions?: { code?: unknown } }[] } | undefined;
    const url = new URL(input instanceof Request ? input.url : String(input));
    const sentBody = typeof init?.body === "string" ? (JSON.parse(init.body) as { query?: string }) : undefined;
    exchanges.push({
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      sentDocument: url.searchParams.has("query") || sentBody?.query !== undefined,
      status: response.status,
      codes: body?.errors?.map((error) => error.extensions?.code) ?? [],
    });
    return response;
  };
}

/** Request headers a browser sends without a CORS preflight (the fetch standard's safelist, as clients use it). */
const CORS_SAFELISTED = new Set(["accept", "accept-language", "content-language"]);

/** The request headers of these exchanges that a browser would have to clear with a preflight. */
export const headersNeedingPreflight = (exchanges: Exchange[]) =>
  [...new Set(exchanges.flatMap((exchange) => Object.keys(exchange.headers)))].filter((name) => !CORS_SAFELISTED.has(name)).sort();
