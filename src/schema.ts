import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { NonEmptyArray, PubSub, buildSchemaSync, getMetadataStorage } from "type-graphql";
import { applyPermissions } from "./permissions/permissions";
import { DateTimeISO } from "./shared/date-time";
import type { AssembledModules } from "./shared/module-descriptor";

/** The schema as type-graphql builds it from the modules' resolvers, before permissions wrap it. */
export function buildBaseSchema(modules: AssembledModules): GraphQLSchema {
  usePlainResolversForPlainFields();
  return buildSchemaSync({
    resolvers: modules.resolvers as unknown as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    emitSchemaFile: false,
    pubSub: NO_TOPICS,
  });
}

/**
 * type-graphql wants a PubSub once any subscription exists, though ours each bring their own
 * `subscribe` (a module's live feed); a topic-based subscription is refused at its first use.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error("subscriptions here have their own subscribe function; topics are not used");
  },
  subscribe() {
    throw new Error("subscriptions here have their own subscribe function; topics are not used");
  },
};

/**
 * type-graphql's `simpleResolvers` for every object type: a plain property field then has no
 * resolver of its own (graphql-js reads the property) instead of one that runs an empty
 * middleware chain per field per row, which dominated long lists. We use no field middleware or
 * auth checker; a type whose GraphQL field names differ from its property names keeps the wrappers.
 */
function usePlainResolversForPlainFields(): void {
  for (const objectType of getMetadataStorage().objectTypes) {
    if (objectType.fields?.every((field) => field.name === field.schemaName)) objectType.simpleResolvers ??= true;
  }
}

/** The schema the server runs: every field behind graphql-shield with the modules' rules. */
export function buildAppSchema(modules: AssembledModules): GraphQLSchema {
  return applyPermissions(buildBaseSchema(modules), modules.rules);
}

/** The committed `schema.graphql`: sorted, so a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
