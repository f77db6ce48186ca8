// Copies Ruru's prebuilt explorer (a GraphiQL distribution) and its start page next to the console's build, so
// /graphiql is served from the API itself and needs no CDN. Source maps stay behind.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve("ruru")), "..", "static");
const target = join(dirname(fileURLToPath(import.meta.url)), "..", "dist-explorer");
if (existsSync(target)) rmSync(target, { recursive: true });
mkdirSync(target, { recursive: true });
cpSync(source, target, { recursive: true, filter: (path) => !path.endsWith(".map") });
cpSync(join(dirname(fileURLToPath(import.meta.url)), "..", "explorer"), target, { recursive: true });
