import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { tenancyNodes } from "./tenancy.nodes";
import { createTenantLoaders } from "./tenant.loaders";
import { tenancyRules } from "./tenancy.rules";
import { TenantResolver } from "./tenant.resolver";
import { Tenant } from "./tenant.entity";
import "./tenant-kind";

/** The tree of organisations: tenants, their parents and visible children (DESIGN §1). */
export const tenancyModule: ModuleDescriptor = {
  name: "tenancy",
  entities: [Tenant],
  resolvers: [TenantResolver],
  rules: tenancyRules,
  loaders: { tenancy: createTenantLoaders },
  nodeTypes: tenancyNodes,
};
