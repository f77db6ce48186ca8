import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { reportingNodes } from "./reporting.nodes";
import { reportingRules } from "./reporting.rules";
import { NetworkReportResolver, NetworkReportRowResolver } from "./network-report.resolver";
import { KpiResolver } from "./kpi.resolver";
import { KpiTarget } from "./kpi";
import { CSV_REPORT_ROUTES } from "./report-csv";

/** Rollups over the caller's visible subtree: networkReport, kpiStatus and their CSV downloads. */
export const reportingModule: ModuleDescriptor = {
  name: "reporting",
  entities: [KpiTarget],
  resolvers: [NetworkReportResolver, NetworkReportRowResolver, KpiResolver],
  rules: reportingRules,
  routes: CSV_REPORT_ROUTES,
  nodeTypes: reportingNodes,
};
