import type { NodeType } from "../nodes/node";
import { KpiTarget } from "./kpi";

export const reportingNodes: NodeType[] = [{ type: KpiTarget }];
