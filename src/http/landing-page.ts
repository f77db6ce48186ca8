import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";

/** Plain HTML with no script and no outside resource, so it opens on a machine without internet access. */
const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Link Pass network API</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Link Pass network API</h1>
<p>This is the GraphQL endpoint: <code>POST /graphql</code> (or <code>GET</code> for queries).</p>
<ul>
<li><a href="/console">The console</a>: the network, reports, KPIs, approvals and cases, in the browser.</li>
<li><a href="/graphiql">The GraphQL explorer</a> (development only, unless <code>EXPLORER_IN_PRODUCTION=true</code>).</li>
</ul>
</body>
</html>`;

/**
 * What a browser sees at GET /graphql: in development a local page pointing to the console and the
 * explorer (Apollo's default loads its Sandbox from a CDN); in production nothing.
 */
export function landingPagePlugin(production: boolean): ApolloServerPlugin {
  if (production) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html: LANDING_PAGE }; } };
    },
  };
}
