import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PublicHttpRoute } from "./http-route";

/** The public route for this request, if any: matched before a token is read or a rate-limit point taken. */
export function matchPublicRoute(routes: readonly PublicHttpRoute[], req: IncomingMessage, url: URL): { route: PublicHttpRoute; match: RegExpExecArray } | undefined {
  for (const route of routes) {
    const match = req.method === route.method ? route.path.exec(url.pathname) : null;
    if (match) return { route, match };
  }
  return undefined;
}

export async function servePublicRoute(req: IncomingMessage, res: ServerResponse, request: { route: PublicHttpRoute; match: RegExpExecArray; url: URL }): Promise<void> {
  const answer = await request.route.answer({ url: request.url, match: request.match, headers: req.headers });
  res.writeHead(answer.status, answer.headers);
  if (answer.body instanceof Readable) await pipeline(answer.body, res);
  else res.end(answer.body);
}
