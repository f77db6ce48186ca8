import DataLoader from "dataloader";
import type { ClassType } from "type-graphql";
import type { EntityManager, ObjectLiteral } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { Sql, identifier, join, query, sql } from "../../db/rows/sql";
import { badUserInput } from "../../shared/errors";
import { isUuid } from "../../shared/ids";
import type { NodeType } from "./node";
import { nodeTypes } from "./node-registry";

const BIGINT_ID = /^[1-9]\d{0,17}$/;

/**
 * The statement that finds the type of a batch of ids: one SELECT per table, UNION ALL, under the
 * caller's row-level security, so it names only rows the caller's tenants could read. Each id
 * list is bound once, whichever tables read it.
 */
function typeOfSql(db: EntityManager, ids: readonly string[]): Sql {
  const uuids = ids.filter(isUuid);
  const bigints = ids.filter((id) => BIGINT_ID.test(id));
  const selects = nodeTypes().map((node, index) => {
    const { tableName } = db.connection.getMetadata(node.type);
    const typed = node.idKind === "bigint" ? sql`${bigints}::bigint[]` : sql`${uuids}::uuid[]`;
    return sql`SELECT id::text AS id, ${index}::int AS node FROM ${identifier(tableName)} WHERE id = ANY(${typed})`;
  });
  return join(selects, "\nUNION ALL ");
}

/** Per request: which registered type each id belongs to, and the loaders of types without their own. */
export function createNodeLoaders(db: EntityManager, acting: ActingContext) {
  const plainLoaders = new Map<NodeType, DataLoader<string, ObjectLiteral | null>>();
  return {
    nodeTypeById: new DataLoader<string, NodeType | null>(async (ids) => {
      const rows = await query<{ id: string; node: number }>(db, typeOfSql(db, ids));
      // An id two tables share is always the type listed first.
      const first = new Map<string, number>();
      for (const { id, node } of rows) first.set(id, Math.min(node, first.get(id) ?? node));
      return ids.map((id) => nodeTypes()[first.get(id) ?? -1] ?? null);
    }),
    plainLoaderOf(node: NodeType): DataLoader<string, ObjectLiteral | null> {
      let loader = plainLoaders.get(node);
      if (!loader) plainLoaders.set(node, (loader = tenantRowLoaders(db, acting).byId(node.type as ClassType<{ id: string }>)));
      return loader;
    },
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    nodes: ReturnType<typeof createNodeLoaders>;
  }
}

/** The object of any registered type with this id, null where none is visible: as that type's own query would answer. */
export async function findNode(session: MemberSession, rawId: string): Promise<ObjectLiteral | null> {
  const id = isUuid(rawId) ? rawId.toLowerCase() : rawId;
  if (!isUuid(id) && !BIGINT_ID.test(id)) throw badUserInput("id is not a valid id", "id");
  const loaders = session.loaders.nodes;
  const node = await loaders.nodeTypeById.load(id);
  if (!node) return null;
  return node.find ? node.find(session, id) : loaders.plainLoaderOf(node).load(id);
}
