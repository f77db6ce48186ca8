import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SettingSpecs } from "../../config";
import { staticDirectoryRoute } from "../../http/static-files";
import type { ModuleDescriptor } from "../../shared/module-descriptor";

declare module "../../config" {
  interface ModuleSettings {
    /** Serve the GraphQL explorer at /graphiql under NODE_ENV=production too. */
    explorerInProduction: boolean;
  }
}

const CONSOLE_SETTINGS: SettingSpecs = {
  explorerInProduction: {
    variable: "EXPLORER_IN_PRODUCTION",
    parse(text) {
      if (text === "" || text === "false") return false;
      if (text === "true") return true;
      throw new Error("must be true or false");
    },
  },
};

/** The repository's root (where package.json is), whether this runs from src/ or from dist/src/. */
function projectRoot(): string {
  let directory = __dirname;
  while (!existsSync(join(directory, "package.json"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error("package.json not found above " + __dirname);
    directory = parent;
  }
  return directory;
}

const root = projectRoot();
const NOT_BUILT = "The console is not built: run npm run console:build (npm start and npm test run it)";

/**
 * The console is a client of the public GraphQL API: it may connect only to this origin, and runs
 * no inline script or style.
 */
const CONSOLE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Ruru (GraphiQL) injects its styles and runs its editor's workers from this origin; nothing else is reached. */
const EXPLORER_POLICY =
  "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The web console at /console and the GraphQL explorer at /graphiql, both static files built by `npm run console:build`. */
export const consoleModule: ModuleDescriptor = {
  name: "console",
  settings: CONSOLE_SETTINGS,
  publicRoutes: [
    staticDirectoryRoute({
      prefix: "/console",
      directory: join(root, "console", "dist"),
      contentSecurityPolicy: CONSOLE_POLICY,
      hashedNames: /^assets\//,
      missingMessage: NOT_BUILT,
    }),
    staticDirectoryRoute({
      prefix: "/graphiql",
      directory: join(root, "console", "dist-explorer"),
      contentSecurityPolicy: EXPLORER_POLICY,
      missingMessage: NOT_BUILT,
      enabled: ({ production, settings }) => !production || settings.explorerInProduction,
    }),
  ],
};
