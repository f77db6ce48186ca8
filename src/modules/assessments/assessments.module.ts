import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { assessmentNodes } from "./assessment.nodes";
import { createAssessmentLoaders } from "./assessment.loaders";
import { assessmentRules } from "./assessment.rules";
import { AssessmentSchemeResolver, ProviderAssessmentResolver } from "./assessment.resolver";
import { AssessmentScheme } from "./assessment-scheme.entity";
import { ProviderAssessment } from "./provider-assessment.entity";

/** Periodic KPI assessments of providers that set their grade (seed 002, seed 003 §5). */
export const assessmentsModule: ModuleDescriptor = {
  name: "assessments",
  entities: [AssessmentScheme, ProviderAssessment],
  resolvers: [AssessmentSchemeResolver, ProviderAssessmentResolver],
  rules: assessmentRules,
  loaders: { assessments: createAssessmentLoaders },
  nodeTypes: assessmentNodes,
};
