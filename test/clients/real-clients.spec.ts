import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { Client, fetchExchange } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";
import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { useTestApp } from "../support/test-app";
import { Exchange, headersNeedingPreflight, operation, recordingFetch, sha256 } from "./client-support";

/**
 * The clients front-end and mobile teams use, driving the running server over HTTP exactly as
 * they would from an app: Apollo Client 4 and urql 6, each with its persisted-query support.
 */
const t = useTestApp();

const LOGIN = operation("login");
const ME = operation("me");
const SERVICE_CASES_PAGE = operation("service-cases-page");
const ADVANCE_SERVICE_CASE = operation("advance-service-case");
/** The portal's origin in development (any localhost port is allowed outside production). */
const PORTAL_ORIGIN = "http://localhost:5173";
/** A president reads every case of the centre; pages of 3 take several requests to reach the end. */
const PRESIDENT = "president@cn-sh.demo";
const PAGE_SIZE = 3;

/** Every exchange any client of this file had, for the preflight check at the end. */
const allExchanges: Exchange[] = [];

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string; step: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe("Apollo Client", () => {
  function apolloClient(options: { persisted?: boolean; token?: () => string | undefined } = {}) {
    const exchanges: Exchange[] = [];
    const http = new HttpLink({ uri: t.app.url, fetch: recordingFetch(exchanges) });
    const auth = new ApolloLink((op, forward) => {
      const token = options.token?.();
      if (token) op.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, authorization: `Bearer ${token}` } }));
      return forward(op);
    });
    const links = options.persisted ? [auth, new PersistedQueryLink({ sha256, useGETForHashedQueries: true }), http] : [auth, http];
    const client = new ApolloClient({
      link: ApolloLink.from(links),
      cache: new InMemoryCache({ typePolicies: { Query: { fields: { serviceCases: relayStylePagination(["step", "tier"]) } } } }),
    });
    return { client, exchanges };
  }

  async function logIn(email: string): Promise<string> {
    const { client, exchanges } = apolloClient();
    const { data } = await client.mutate({ mutation: LOGIN, variables: { email, password: DEMO_PASSWORD } });
    allExchanges.push(...exchanges);
    return (data as { login: { token: string } }).login.token;
  }

  it("logs in and pages a connection to its end: relayStylePagination merges every row exactly once", async () => {
    const token = await logIn(PRESIDENT);
    const { client, exchanges } = apolloClient({ token: () => token });
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data } = await client.query({ query: SERVICE_CASES_PAGE, variables: { first: PAGE_SIZE, after }, fetchPolicy: "network-only" });
      const page: Connection = (data as { serviceCases: Connection }).serviceCases;
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const merged = (client.readQuery({ query: SERVICE_CASES_PAGE, variables: { first: PAGE_SIZE } }) as { serviceCases: Connection }).serviceCases;
    const ids = merged.edges.map((edge) => edge.node.id);
    expect(merged.totalCount).toBeGreaterThan(2 * PAGE_SIZE);
    expect(ids).toHaveLength(merged.totalCount);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(merged.totalCount / PAGE_SIZE));
    expect(exchanges.every((exchange) => exchange.status === 200)).toBe(true);
    allExchanges.push(...exchanges);
  });

  it("a refused mutation reaches the client as an error with its code, and changes nothing", async () => {
    const token = await logIn(PRESIDENT);
    const { client, exchanges } = apolloClient({ token: () => token });
    const { data } = await client.query({ query: SERVICE_CASES_PAGE, variables: { first: 1, step: "ARCHIVED" } });
    const archived = (data as { serviceCases: Connection }).serviceCases.edges[0].node;
    const error = await client.mutate({ mutation: ADVANCE_SERVICE_CASE, variables: { id: archived.id, to: "EVALUATED" } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect((error as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code)).toEqual(["CONFLICT"]);
    const { rows } = await t.database.owner.query("SELECT step FROM service_cases WHERE id = $1", [archived.id]);
    expect(rows[0].step).toBe("ARCHIVED");
    allExchanges.push(...exchanges);
  });

  it("a persisted query misses once over GET, is registered with its document, then hits over GET with the hash alone", async () => {
    const token = await logIn("consultant@cn-sz.demo");
    const first = apolloClient({ persisted: true, token: () => token });
    const miss = await first.client.query({ query: ME });
    expect((miss.data as { me: { tenant: { code: string } } }).me.tenant.code).toBe("CN-SZ");
    expect(first.exchanges.map(({ method, sentDocument, codes }) => ({ method, sentDocument, codes }))).toEqual([
      { method: "GET", sentDocument: false, codes: ["PERSISTED_QUERY_NOT_FOUND"] },
      { method: "POST", sentDocument: true, codes: [] },
    ]);

    const second = apolloClient({ persisted: true, token: () => token });
    const hit = await second.client.query({ query: ME });
    expect(hit.data).toEqual(miss.data);
    expect(second.exchanges.map(({ method, sentDocument, status, codes }) => ({ method, sentDocument, status, codes }))).toEqual([
      { method: "GET", sentDocument: false, status: 200, codes: [] },
    ]);
    allExchanges.push(...first.exchanges, ...second.exchanges);
  });
});

describe("urql", () => {
  /**
   * urql sends no content-type on a GET, so its GETs carry Apollo's CSRF-preflight header, as the
   * README says a client must.
   */
  function urqlClient(options: { persisted?: boolean; token?: string } = {}) {
    const exchanges: Exchange[] = [];
    const headers: Record<string, string> = { "apollo-require-preflight": "true", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
    const client = new Client({
      url: t.app.url,
      fetch: recordingFetch(exchanges),
      fetchOptions: () => ({ headers }),
      preferGetMethod: false,
      requestPolicy: "network-only",
      exchanges: options.persisted ? [persistedExchange({ preferGetForPersistedQueries: true, generateHash: async (query) => sha256(query) }), fetchExchange] : [fetchExchange],
    });
    return { client, exchanges };
  }

  async function logIn(email: string): Promise<string> {
    const { client, exchanges } = urqlClient();
    const result = await client.mutation(LOGIN, { email, password: DEMO_PASSWORD }).toPromise();
    allExchanges.push(...exchanges);
    if (!result.data) throw new Error(`urql could not log in: ${result.error?.message}`);
    return (result.data as { login: { token: string } }).login.token;
  }

  it("logs in and pages a connection to its end, every row exactly once", async () => {
    const { client, exchanges } = urqlClient({ token: await logIn(PRESIDENT) });
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const result = await client.query(SERVICE_CASES_PAGE, { first: PAGE_SIZE, after }).toPromise();
      const page: Connection = (result.data as { serviceCases: Connection }).serviceCases;
      ids.push(...page.edges.map((edge) => edge.node.id));
      totalCount = page.totalCount;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(totalCount).toBeGreaterThan(2 * PAGE_SIZE);
    expect(ids).toHaveLength(totalCount);
    expect(new Set(ids).size).toBe(totalCount);
    allExchanges.push(...exchanges);
  });

  it("a refused mutation's code reaches the client in its CombinedError", async () => {
    const { client, exchanges } = urqlClient({ token: await logIn(PRESIDENT) });
    const cases = await client.query(SERVICE_CASES_PAGE, { first: 1, step: "ARCHIVED" }).toPromise();
    const archived = (cases.data as { serviceCases: Connection }).serviceCases.edges[0].node;
    const result = await client.mutation(ADVANCE_SERVICE_CASE, { id: archived.id, to: "EVALUATED" }).toPromise();
    expect(result.error?.graphQLErrors.map((error) => error.extensions.code)).toEqual(["CONFLICT"]);
    allExchanges.push(...exchanges);
  });

  it("the persisted exchange misses once over GET, then hits over GET with the hash alone", async () => {
    const token = await logIn("consultant@my-kl.demo");
    const first = urqlClient({ persisted: true, token });
    const miss = await first.client.query(ME, {}).toPromise();
    expect((miss.data as { me: { tenant: { code: string } } }).me.tenant.code).toBe("MY-KL");
    expect(first.exchanges.map(({ method, sentDocument, codes }) => ({ method, sentDocument, codes }))).toEqual([
      { method: "GET", sentDocument: false, codes: ["PERSISTED_QUERY_NOT_FOUND"] },
      expect.objectContaining({ sentDocument: true, codes: [] }),
    ]);

    const second = urqlClient({ persisted: true, token });
    const hit = await second.client.query(ME, {}).toPromise();
    expect(hit.data).toEqual(miss.data);
    expect(second.exchanges.map(({ method, sentDocument, status }) => ({ method, sentDocument, status }))).toEqual([{ method: "GET", sentDocument: false, status: 200 }]);
    allExchanges.push(...first.exchanges, ...second.exchanges);
  });
});

describe("a browser's CORS preflight", () => {
  it("allows, from the portal's origin, every method and header the clients above sent", async () => {
    const headers = headersNeedingPreflight(allExchanges);
    expect(headers).toEqual(expect.arrayContaining(["authorization", "content-type", "apollo-require-preflight"]));
    for (const method of new Set(allExchanges.map((exchange) => exchange.method))) {
      const response = await fetch(t.app.url, {
        method: "OPTIONS",
        headers: { origin: PORTAL_ORIGIN, "access-control-request-method": method, "access-control-request-headers": headers.join(",") },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(PORTAL_ORIGIN);
      expect(response.headers.get("access-control-allow-methods")?.split(", ")).toContain(method);
      const allowed = response.headers.get("access-control-allow-headers")?.split(", ") ?? [];
      for (const header of headers) expect({ header, allowed: allowed.includes(header) }).toEqual({ header, allowed: true });
    }
  });
});
