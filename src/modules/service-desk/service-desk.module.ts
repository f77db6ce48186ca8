import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { Revisit } from "./revisit.entity";
import { SERVICE_DESK_SETTINGS, complaintEscalationJob } from "./service-desk-settings";
import { createServiceDeskLoaders } from "./service-desk.loaders";
import { serviceDeskNodes } from "./service-desk.nodes";
import { ClientDeskResolver, RevisitResolver, ServiceCaseDeskResolver, ServiceRequestResolver, ServiceRequestTransitionResolver } from "./service-desk.resolver";
import { serviceDeskRules } from "./service-desk.rules";
import { scheduleRevisitOnEvaluation } from "./service-desk.service";
import { ServiceRequest, ServiceRequestTransition } from "./service-request.entity";

/** The client service desk (seed 004 §2 客戶服務組, §4): clients' problems and complaints, and revisits after a case. */
export const serviceDeskModule: ModuleDescriptor = {
  name: "service-desk",
  entities: [ServiceRequest, ServiceRequestTransition, Revisit],
  resolvers: [ServiceRequestResolver, ServiceRequestTransitionResolver, RevisitResolver, ServiceCaseDeskResolver, ClientDeskResolver],
  rules: serviceDeskRules,
  loaders: { serviceDesk: createServiceDeskLoaders },
  settings: SERVICE_DESK_SETTINGS,
  jobs: [complaintEscalationJob],
  nodeTypes: serviceDeskNodes,
  onCaseEvaluated: [scheduleRevisitOnEvaluation],
};
