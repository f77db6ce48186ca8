import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { useNodeTypes } from "./node-registry";
import { NodeResolver } from "./node.resolver";
import { nodeRules } from "./node.rules";
import { createNodeLoaders } from "./node.service";

/** Relay's `node(id)`: any object by its id, answered exactly as its own query would (null when not readable). */
export const nodesModule: ModuleDescriptor = {
  name: "nodes",
  resolvers: [NodeResolver],
  rules: nodeRules,
  loaders: { nodes: createNodeLoaders },
  assemble: (modules) => useNodeTypes(modules.flatMap((module) => module.nodeTypes ?? [])),
};
