import path from "node:path";
import { registerDocuments } from "../http/trusted-documents";

/**
 * `npm run documents:register -- <client folder or files…> [--manifest trusted-documents.json]`:
 * adds every operation document (*.graphql, *.gql) of a client to the manifest that
 * TRUSTED_DOCUMENTS_MANIFEST points the server at.
 */
function register(args: string[]): void {
  const at = args.indexOf("--manifest");
  const manifestPath = path.resolve(at >= 0 ? args[at + 1] : "trusted-documents.json");
  const sources = args.filter((arg, i) => arg !== "--manifest" && args[i - 1] !== "--manifest");
  const { added, total } = registerDocuments(sources, manifestPath);
  process.stdout.write(`${added} new document(s); ${total} in ${manifestPath}\n`);
}

try {
  register(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
