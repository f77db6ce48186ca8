import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { ApiKey } from "./api-key.entity";
import { apiKeyNodes } from "./api-key.nodes";
import { ApiKeyResolver } from "./api-key.resolver";
import { apiKeyRules } from "./api-key.rules";

/**
 * API keys for partner systems (issue 16): created and revoked by a tenant's president or deputy;
 * the request side (the `lpk_` bearer, its entry statement, its rate-limit bucket) is the core's.
 */
export const apiKeysModule: ModuleDescriptor = {
  name: "api-keys",
  entities: [ApiKey],
  resolvers: [ApiKeyResolver],
  rules: apiKeyRules,
  nodeTypes: apiKeyNodes,
};
