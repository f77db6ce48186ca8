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

export interface TestApp {
  app: RunningApp;
  database: TestDatabase;
  /** POSTs a GraphQL operation through the real HTTP server. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphQLResponse<T>>;
  /** Logs a demo user in (password `demo-password`) and returns the bearer token. */
  login(email: string): Promise<string>;
  stop(): Promise<void>;
}

/** The real server (HTTP, auth, shield, RLS) on a private copy of the demo database; `log` replaces its logger. */
export async function startTestApp(env: Record<string, string> = {}, options: { log?: Logger } = {}): Promise<TestApp> {
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
  const tokens = new Map<string, string>();

  async function graphql<T>(query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}) {
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.tenant) headers["x-tenant-id"] = options.tenant;
    const response = await fetch(app.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  async function login(email: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    const response = await graphql<{ login: { token: string } }>(
      "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
      { email, password: DEMO_PASSWORD },
    );
    if (!response.data?.login) throw new Error(`login as ${email} failed: ${JSON.stringify(response.errors)}`);
    tokens.set(email, response.data.login.token);
    return response.data.login.token;
  }

  return {
    app,
    database,
    graphql,
    login,
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}

/** The single error's code, failing loudly when the response has none or several. */
export function errorCode(response: GraphQLResponse): string | undefined {
  if (response.errors?.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(response.errors ?? response.data)}`);
  return response.errors[0].extensions?.code;
}
