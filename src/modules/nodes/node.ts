import type DataLoader from "dataloader";
import { ClassType, Field, ID, InterfaceType } from "type-graphql";
import type { MemberSession } from "../../context/request-context";

/** Relay's object identification: anything with an id of its own that `node(id)` reads back. */
@InterfaceType("Node", { description: "An object with an id of its own, readable again with node(id)" })
export abstract class Node {
  @Field(() => ID, { description: "The object's id, as every query and mutation shows it" })
  id!: string;
}

/**
 * One type `node(id)` answers with: a class that is both its table's entity and its GraphQL
 * object type. Each module lists its own in `<module>.nodes.ts`.
 */
export interface NodeType<T extends object = object> {
  type: ClassType<T>;
  /**
   * The row as the type's own query reads it (same loader, same extra rules), null where the
   * caller may not see it. Without it: a loader of the table's visible rows (row-level security).
   */
  find?(session: MemberSession, id: string): Promise<T | null>;
  /** How the type's ids look: UUIDs, or the audit trail's increasing numbers. */
  idKind?: "uuid" | "bigint";
}

/** Shorthand for a type whose own query reads it through one of the request's loaders. */
export const loadedBy = <T extends object>(type: ClassType<T>, loader: (session: MemberSession) => DataLoader<string, T | null>): NodeType<T> => ({
  type,
  find: (session, id) => loader(session).load(id),
});
