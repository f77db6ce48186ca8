import { type NodeType, loadedBy } from "../nodes/node";
import { Grant } from "./grant.entity";

export const grantNodes: NodeType[] = [loadedBy(Grant, (session) => session.loaders.grants.grantById)];
