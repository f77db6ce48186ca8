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
  loadedBy(ServiceCase, (session) => session.loaders.cases.serviceCaseById),
  loadedBy(ServicePlan, (session) => session.loaders.cases.planById),
  loadedBy(CaseTask, (session) => session.loaders.cases.taskById),
  loadedBy(MaterialHandover, (session) => session.loaders.cases.handoverById),
  loadedBy(CertificationReview, (session) => session.loaders.cases.certificationReviewById),
  { type: CaseNeeds },
  { type: ServiceRecord },
  { type: CaseEvaluation },
  { type: CaseTransition },
];
