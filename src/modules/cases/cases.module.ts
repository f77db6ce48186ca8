import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { caseNodes } from "./case.nodes";
import { createCaseLoaders } from "./case.loaders";
import { caseRules } from "./case.rules";
import { CaseTaskResolver, CaseTransitionResolver, ServiceCaseResolver } from "./case.resolver";
import { CaseRecordsResolver } from "./case-records.resolver";
import { ServiceCase } from "./service-case.entity";
import { CaseEvaluation, CaseNeeds, CaseTask, CaseTransition, CertificationReview, MaterialHandover, ServicePlan, ServiceRecord } from "./case-records.entity";
import { parseResponseTargetHours } from "./response-targets";
import { useCaseEvaluatedHooks } from "./case-evaluated-hooks";
import { OVERDUE_WORK_SETTINGS, overdueWorkJob } from "./overdue-work.job";

/** Service cases through the ten steps of seed 001, with each step's records. */
export const casesModule: ModuleDescriptor = {
  name: "cases",
  entities: [ServiceCase, CaseEvaluation, CaseNeeds, CaseTask, CaseTransition, CertificationReview, MaterialHandover, ServicePlan, ServiceRecord],
  resolvers: [CaseTaskResolver, CaseTransitionResolver, ServiceCaseResolver, CaseRecordsResolver],
  rules: caseRules,
  loaders: { cases: createCaseLoaders },
  settings: { responseTargetHours: { variable: "RESPONSE_TARGET_HOURS", parse: parseResponseTargetHours }, ...OVERDUE_WORK_SETTINGS },
  jobs: [overdueWorkJob],
  nodeTypes: caseNodes,
  assemble: (modules) => useCaseEvaluatedHooks(modules.flatMap((module) => module.onCaseEvaluated ?? [])),
};
