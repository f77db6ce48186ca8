import { getMetadataStorage } from "type-graphql";
import { Node, NodeType } from "./node";

let NODE_TYPES: readonly NodeType[] = [];

/** Every type `node(id)` answers with, in the modules' order; the first listed wins an id two tables share. */
export function nodeTypes(): readonly NodeType[] {
  return NODE_TYPES;
}

/** Called when the app is assembled, with what every module's descriptor lists as its node types. */
export function useNodeTypes(types: readonly NodeType[]): void {
  NODE_TYPES = types;
  declareNodeTypes(types);
}

declare module "../../shared/module-descriptor" {
  interface ModuleDescriptor {
    /** The module's types `node(id)` answers with (each then implements Node). */
    nodeTypes?: readonly NodeType[];
  }
}

/**
 * Makes each listed type implement Node, here rather than in each `@ObjectType`, so the list that
 * `node(id)` reads from and the types that claim the interface are one and the same.
 */
function declareNodeTypes(nodes: readonly NodeType[]): void {
  const types = new Set<Function>(nodes.map((node) => node.type));
  for (const objectType of getMetadataStorage().objectTypes) {
    if (!types.has(objectType.target)) continue;
    const interfaces = objectType.interfaceClasses ?? [];
    if (!interfaces.includes(Node)) objectType.interfaceClasses = [...interfaces, Node];
  }
}
