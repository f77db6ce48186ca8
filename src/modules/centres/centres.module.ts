import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { CentreOpening } from "./centre-opening.entity";
import { CENTRE_OPENING_APPROVAL_POLICY } from "./centre-opening.policy";
import { CentreResolver } from "./centre.resolver";
import { centreRules } from "./centre.rules";

/** Opening centres (issue 16): a tenant proposes a child centre, its president approves, the centre's first president is invited. */
export const centresModule: ModuleDescriptor = {
  name: "centres",
  entities: [CentreOpening],
  resolvers: [CentreResolver],
  rules: centreRules,
  approvalPolicies: [CENTRE_OPENING_APPROVAL_POLICY],
};
