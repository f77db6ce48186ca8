import { type NodeType, loadedBy } from "../nodes/node";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CaseTransition,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "./case-records.entity";
import { ServiceCase } from "./service-case.entity";

export const caseNodes: NodeType[] = [
  loadedBy(ServiceCase, (session) => session.loaders.serviceCaseById),
  loadedBy(ServicePlan, (session) => session.loaders.planById),
  loadedBy(CaseTask, (session) => session.loaders.taskById),
  loadedBy(MaterialHandover, (session) => session.loaders.handoverById),
  loadedBy(CertificationReview, (session) => session.loaders.certificationReviewById),
  { type: CaseNeeds },
  { type: ServiceRecord },
  { type: CaseEvaluation },
  { type: CaseTransition },
];
