import { type NodeType, loadedBy } from "../nodes/node";
import { Membership } from "./membership.entity";
import { User } from "./user.entity";

export const identityNodes: NodeType[] = [loadedBy(User, (session) => session.loaders.identity.userById), { type: Membership }];
