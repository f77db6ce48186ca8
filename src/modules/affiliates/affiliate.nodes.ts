import { type NodeType, loadedBy } from "../nodes/node";
import { BusinessReport } from "./business-report.entity";
import { ServiceStandard } from "./service-standard.entity";

export const affiliateNodes: NodeType[] = [
  loadedBy(ServiceStandard, (session) => session.loaders.affiliates.serviceStandardById),
  loadedBy(BusinessReport, (session) => session.loaders.affiliates.businessReportById),
];
