import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { PublicHttpRoute, PublicRouteAnswer } from "./http-route";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** A year, for names that change whenever their content does. */
const IMMUTABLE = "public, max-age=31536000, immutable";

export interface StaticDirectory {
  /** URL prefix without a trailing slash, e.g. `/console`. */
  prefix: string;
  directory: string;
  contentSecurityPolicy: string;
  /** Paths under the prefix whose names carry a content hash (cached for a year); the rest is revalidated. */
  hashedNames?: RegExp;
  /** What to answer while the directory has not been built. */
  missingMessage: string;
  enabled?: PublicHttpRoute["enabled"];
}

/** GET `<prefix>`, `<prefix>/` (index.html) and `<prefix>/<file>` from one directory; nothing outside it. */
export function staticDirectoryRoute(options: StaticDirectory): PublicHttpRoute {
  const prefix = options.prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return {
    method: "GET",
    path: new RegExp(`^${prefix}(?:/(.*))?$`),
    enabled: options.enabled,
    async answer({ match, headers }) {
      const relative = match[1] ? decodedPath(match[1]) : "index.html";
      const file = relative === undefined ? undefined : normalize(join(options.directory, relative));
      if (relative === undefined || !file?.startsWith(options.directory + sep)) return notFound(options);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        const built = await stat(join(options.directory, "index.html")).catch(() => undefined);
        return built ? notFound(options) : { ...notFound(options), body: options.missingMessage };
      }
      const lastModified = info.mtime.toUTCString();
      const common = {
        ...securityHeaders(options),
        "cache-control": options.hashedNames?.test(relative) ? IMMUTABLE : "no-cache",
        "last-modified": lastModified,
      };
      // The file has not changed since the browser's copy (HTTP dates have whole seconds).
      if (headers["if-modified-since"] === lastModified) return { status: 304, headers: common, body: "" };
      return {
        status: 200,
        headers: { ...common, "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "content-length": String(info.size) },
        body: createReadStream(file),
      };
    },
  };
}

/** The path below the prefix, percent-decoded; undefined when it cannot name a file (bad escapes, NUL). */
function decodedPath(encoded: string): string | undefined {
  try {
    const path = decodeURIComponent(encoded);
    return path.includes("\0") ? undefined : path;
  } catch {
    return undefined;
  }
}

function securityHeaders(options: StaticDirectory): Record<string, string> {
  return { "content-security-policy": options.contentSecurityPolicy, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
}

function notFound(options: StaticDirectory): PublicRouteAnswer {
  return { status: 404, headers: { ...securityHeaders(options), "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, body: "Not found" };
}
