import type { GraphQLSchema } from "graphql";
import type { Server } from "node:http";
import type { ContextDependencies } from "../context/create-context";
import type { DataSource } from "typeorm";
import type { RequestTransactions } from "../db/request-transaction";
import type { ModuleSettings, SettingSpecs } from "../config";
import type { LoaderFactories, LoaderFactory } from "../context/loaders";
import type { HttpRoute, PublicHttpRoute } from "../http/http-route";
import type { RuleTree } from "../permissions/rule-tree";
import type { Logger } from "./logger";

/** Work a module runs in the background of every API process, on a timer. */
export interface ModuleJob {
  name: string;
  /** Seconds between runs; 0 turns the job off in this process. */
  intervalSeconds(settings: ModuleSettings): number;
  run(deps: { dataSource: DataSource; settings: ModuleSettings; log: Logger }): Promise<void>;
}

/** What a module's long-running service is started with, once the HTTP server listens. */
export interface ModuleServiceDeps {
  /** The owner's pool (jobs). */
  dataSource: DataSource;
  /** Request transactions, as the app's requests open them: to read as a given member under RLS. */
  transactions: RequestTransactions;
  /** What the core builds a request context from (createContext), for a service that serves requests itself. */
  contextDependencies: ContextDependencies;
  /** The app's schema, behind the shield, as HTTP requests run it. */
  schema: GraphQLSchema;
  settings: ModuleSettings;
  jwtSecret: string;
  /** REDIS_URL when set: what a service shares between the API processes beside the database. */
  redisUrl?: string;
  /** The listening server, for a service that answers upgrades (websockets) beside the routes. */
  server: Server;
  log: Logger;
}

/** Work a module keeps running in each API process (a job runner, a socket server); stopped before the pools close. */
export interface ModuleService {
  name: string;
  start(deps: ModuleServiceDeps): Promise<{ stop(): Promise<void> }>;
}

/**
 * Everything one module contributes to the app; the core reads these and imports no module.
 * Adding a module is a folder with one of these and a line in `src/modules/index.ts`.
 */
export interface ModuleDescriptor {
  name: string;
  /** TypeORM entities (tables are made by migrations only). */
  entities?: readonly Function[];
  /** type-graphql resolver classes. */
  resolvers?: readonly Function[];
  /** graphql-shield rules for the types and fields the module's resolvers add. */
  rules?: RuleTree;
  /** Per-request DataLoader groups, made when a request first reads them. */
  loaders?: LoaderFactories;
  /** Environment variables the module reads, validated with the rest at start. */
  settings?: SettingSpecs;
  routes?: readonly HttpRoute[];
  /** Endpoints answered without a member or a transaction (static files). */
  publicRoutes?: readonly PublicHttpRoute[];
  jobs?: readonly ModuleJob[];
  services?: readonly ModuleService[];
  /**
   * Called once the app's module list is known, before anything runs: a module that collects what
   * other modules contribute (the approvals engine and its policies) gathers it here.
   */
  assemble?(modules: readonly ModuleDescriptor[]): void;
}

/** The modules' contributions, merged: what the schema, shield, data source, loaders and HTTP are built from. */
export interface AssembledModules {
  modules: readonly ModuleDescriptor[];
  entities: Function[];
  resolvers: Function[];
  rules: RuleTree[];
  loaderFactories: Record<string, LoaderFactory>;
  settings: SettingSpecs;
  routes: HttpRoute[];
  publicRoutes: PublicHttpRoute[];
  jobs: ModuleJob[];
  services: ModuleService[];
}

export function assembleModules(modules: readonly ModuleDescriptor[]): AssembledModules {
  const names = new Set<string>();
  const loaderFactories: Record<string, LoaderFactory> = {};
  const settings: Record<string, unknown> = {};
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`Module ${module.name} is listed twice`);
    names.add(module.name);
    mergeOnce(loaderFactories, module.loaders ?? {}, `loader group`);
    mergeOnce(settings, module.settings ?? {}, `setting`);
  }
  for (const module of modules) module.assemble?.(modules);
  const all = <T>(pick: (module: ModuleDescriptor) => readonly T[] | undefined) => modules.flatMap((module) => pick(module) ?? []);
  return {
    modules,
    entities: all((m) => m.entities),
    resolvers: all((m) => m.resolvers),
    rules: all((m) => (m.rules ? [m.rules] : [])),
    loaderFactories,
    settings: settings as SettingSpecs,
    routes: all((m) => m.routes),
    publicRoutes: all((m) => m.publicRoutes),
    jobs: all((m) => m.jobs),
    services: all((m) => m.services),
  };
}

function mergeOnce(into: Record<string, unknown>, from: Record<string, unknown>, what: string): void {
  for (const [name, value] of Object.entries(from)) {
    if (name in into) throw new Error(`The ${what} ${name} is declared by two modules`);
    into[name] = value;
  }
}
