import "reflect-metadata";
import { RunningApp, appModules, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { Logger, createLogger } from "../../src/shared/logger";
import { TestDatabase, createTestDatabase } from "./test-database";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface CallOptions {
  token?: string;
  tenant?: string;
  headers?: Record<string, string>;
}

export interface ActorOptions {
  /** Sent as x-tenant-id: the membership to act through when the user has several. */
  tenant?: string;
}

/** One user's client: it logs in on first use and sends every request with that user's token. */
export interface Actor {
  /** Runs an operation as this user and answers the response as it came, errors included. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs a step a test builds on: its data, or a thrown error naming the user and the operation. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** POSTs any body to /graphql as this user and answers the raw response (status, headers, batches). */
  post(body: unknown, init?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
  /** GETs a path of the server (relative to /graphql, or absolute from the root) as this user, with any other headers given. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

export interface TestApp {
  app: RunningApp;
  database: TestDatabase;
  /** POSTs a GraphQL operation through the real HTTP server, with only the token, tenant and headers given. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphQLResponse<T>>;
  /** Logs a user in (password `demo-password`) once per test app and returns the bearer token. */
  login(email: string): Promise<string>;
  /** A client acting as `email` (a demo user, or one a test added with the demo password). */
  as(email: string, options?: ActorOptions): Actor;
}

/** A test app whose caller stops it. */
export interface StartedTestApp extends TestApp {
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Replaces the app's logger (e.g. test/support/captured-log.ts, to assert what was logged). */
  log?: Logger;
}

/** The real server (HTTP, auth, shield, RLS) on a private copy of the demo database. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<StartedTestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: "false",
    LOG_LEVEL: "silent",
    ...env,
  }, appModules().settings);
  const app = await startApp(config, options.log ?? createLogger(config.logLevel));
  const tokens = new Map<string, Promise<string>>();

  function post(body: unknown, options: CallOptions & { signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json", ...authorization(options), ...options.headers };
    return fetch(app.url, { method: "POST", headers, body: JSON.stringify(body), signal: options.signal });
  }

  async function graphql<T>(query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}) {
    const response = await post({ query, variables }, options);
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  function login(email: string): Promise<string> {
    let token = tokens.get(email);
    if (!token) {
      // Concurrent first calls share one login; a failed one is forgotten so the next call tries again.
      token = logIn(email).catch((error) => {
        tokens.delete(email);
        throw error;
      });
      tokens.set(email, token);
    }
    return token;
  }

  async function logIn(email: string): Promise<string> {
    const response = await graphql<{ login: { token: string } }>(
      "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
      { email, password: DEMO_PASSWORD },
    );
    if (!response.data?.login) throw new Error(`login as ${email} failed: ${JSON.stringify(response.errors)}`);
    return response.data.login.token;
  }

  function as(email: string, { tenant }: ActorOptions = {}): Actor {
    const query = async <T>(document: string, variables: Record<string, unknown> = {}) =>
      graphql<T>(document, variables, { token: await login(email), tenant });
    return {
      query,
      async data<T>(document: string, variables: Record<string, unknown> = {}) {
        const response = await query<T>(document, variables);
        if (response.errors) throw new Error(`${email} ${document}: ${JSON.stringify(response.errors)}`);
        return response.data as T;
      },
      async post(body, init = {}) {
        return post(body, { token: await login(email), tenant, ...init });
      },
      async get(path, headers = {}) {
        return fetch(new URL(path, app.url), { headers: { ...authorization({ token: await login(email), tenant }), ...headers } });
      },
    };
  }

  return {
    app,
    database,
    graphql,
    login,
    as,
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}

/**
 * The test app of the enclosing spec file or describe block: started before its tests, stopped after them.
 * Its `as(email)` may be called at the top of the file; the user logs in on the first request.
 */
export function useTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): TestApp {
  let started: StartedTestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(env, options);
  });
  afterAll(() => started?.stop());
  const running = () => {
    if (!started) throw new Error("the test app runs from beforeAll on: use it inside hooks and tests");
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get database() {
      return running().database;
    },
    graphql: (query, variables, options) => running().graphql(query, variables, options),
    login: (email) => running().login(email),
    as(email, options) {
      const actor = () => running().as(email, options);
      return {
        query: (query, variables) => actor().query(query, variables),
        data: (query, variables) => actor().data(query, variables),
        post: (body, init) => actor().post(body, init),
        get: (path, headers) => actor().get(path, headers),
      };
    },
  };
}

function authorization({ token, tenant }: CallOptions): Record<string, string> {
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(tenant ? { "x-tenant-id": tenant } : {}) };
}

/** The single error's code, failing loudly when the response has none or several. */
export function errorCode(response: GraphQLResponse): string | undefined {
  if (response.errors?.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(response.errors ?? response.data)}`);
  return response.errors[0].extensions?.code;
}
