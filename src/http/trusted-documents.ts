import { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { GraphQLError, parse } from "graphql";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RequestContext } from "../context/request-context";

/** `{ sha256 of the document: document }`, written by `npm run documents:register`. */
export type TrustedDocumentManifest = Record<string, string>;

export const documentHash = (document: string) => createHash("sha256").update(document).digest("hex");

export function readManifest(path: string): TrustedDocumentManifest {
  const manifest = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest)) throw new Error(`${path} is not a trusted-document manifest`);
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== "string" || documentHash(document) !== hash) throw new Error(`${path}: entry ${hash} does not match its document`);
  }
  return manifest as TrustedDocumentManifest;
}

/**
 * Trusted-documents mode: only operations registered in the manifest run, refused after parsing
 * and before any SQL. Registered documents are also loaded into the persisted-query store, so a
 * client may send just their hash.
 */
export async function trustedDocumentsPlugin(manifest: TrustedDocumentManifest, persistedQueries: KeyValueCache): Promise<ApolloServerPlugin<RequestContext>> {
  for (const [hash, document] of Object.entries(manifest)) await persistedQueries.set(`apq:${hash}`, document, { ttl: null });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          if (!manifest[documentHash(source)]) {
            throw new GraphQLError("Only registered documents are accepted", {
              extensions: { code: "DOCUMENT_NOT_TRUSTED", http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** Adds every operation document (*.graphql, *.gql) under `sources` to the manifest file. */
export function registerDocuments(sources: string[], manifestPath: string): { added: number; total: number } {
  if (sources.length === 0) throw new Error("Name the client's operation files or folders");
  const manifest = existsSync(manifestPath) ? readManifest(manifestPath) : {};
  let added = 0;
  for (const file of sources.flatMap(documentFiles)) {
    const document = readFileSync(file, "utf8").trim();
    parse(document);
    const hash = documentHash(document);
    if (!manifest[hash]) added++;
    manifest[hash] = document;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { added, total: Object.keys(manifest).length };
}

function documentFiles(source: string): string[] {
  if (!statSync(source).isDirectory()) return [source];
  return readdirSync(source).flatMap((entry) => {
    const full = path.join(source, entry);
    if (statSync(full).isDirectory()) return documentFiles(full);
    return /\.(graphql|gql)$/.test(entry) ? [full] : [];
  });
}
