import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { partnerNodes } from "./partner.nodes";
import { createPartnerLoaders } from "./partner.loaders";
import { partnerRules } from "./partner.rules";
import { PartnerQualificationResolver, PartnerResolver } from "./partner.resolver";
import { PartnerProfile } from "./partner-profile.entity";
import { PartnerQualification } from "./partner-qualification.entity";
import { PARTNER_QUALIFICATION_APPROVAL_POLICY } from "./partner-qualification.policy";

/** Partner admission, qualification review, status and archive card (seed 003 §2). */
export const partnersModule: ModuleDescriptor = {
  name: "partners",
  entities: [PartnerProfile, PartnerQualification],
  resolvers: [PartnerQualificationResolver, PartnerResolver],
  rules: partnerRules,
  loaders: { partners: createPartnerLoaders },
  approvalPolicies: [PARTNER_QUALIFICATION_APPROVAL_POLICY],
  nodeTypes: partnerNodes,
};
