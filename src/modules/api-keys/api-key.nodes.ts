import type { NodeType } from "../nodes/node";
import { ApiKey } from "./api-key.entity";
import { administersApiKeys } from "./api-key-authority";

/** node(id) answers a key only to those the `apiKeys` query answers. */
export const apiKeyNodes: NodeType[] = [
  { type: ApiKey, find: async ({ acting, db }, id) => (administersApiKeys(acting) ? db.getRepository(ApiKey).findOneBy({ id }) : null) },
];
