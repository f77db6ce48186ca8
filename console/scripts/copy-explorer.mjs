// Copies GraphiQL's and React's prebuilt browser files and the explorer's start page next to the console's build,
// so /graphiql is served from the API itself and needs no CDN.
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const consoleDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(consoleDirectory, "dist-explorer");

/** Each served file, by the package that ships it and its path inside that package. */
const VENDOR_FILES = [
  ["react", "umd/react.production.min.js"],
  ["react-dom", "umd/react-dom.production.min.js"],
  ["graphiql", "graphiql.min.js"],
  ["graphiql", "graphiql.min.css"],
];

if (existsSync(target)) rmSync(target, { recursive: true });
mkdirSync(target, { recursive: true });
for (const [pkg, file] of VENDOR_FILES) {
  const packageDirectory = dirname(require.resolve(`${pkg}/package.json`));
  copyFileSync(join(packageDirectory, file), join(target, file.split("/").pop()));
}
cpSync(join(consoleDirectory, "explorer"), target, { recursive: true });
