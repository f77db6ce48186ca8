import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { affiliateNodes } from "./affiliate.nodes";
import { createAffiliateLoaders } from "./affiliate.loaders";
import { affiliateRules } from "./affiliate.rules";
import { BusinessReportResolver, ServiceStandardResolver } from "./affiliate.resolver";
import { ServiceStandard } from "./service-standard.entity";
import { BusinessReport } from "./business-report.entity";
import { SERVICE_STANDARD_APPROVAL_POLICY } from "./service-standard.policy";

/** Affiliated companies' service standards and business reports (seed 000). */
export const affiliatesModule: ModuleDescriptor = {
  name: "affiliates",
  entities: [ServiceStandard, BusinessReport],
  resolvers: [BusinessReportResolver, ServiceStandardResolver],
  rules: affiliateRules,
  loaders: { affiliates: createAffiliateLoaders },
  approvalPolicies: [SERVICE_STANDARD_APPROVAL_POLICY],
  nodeTypes: affiliateNodes,
};
