import type { NodeType } from "../nodes/node";
import { ProviderAssessment } from "./provider-assessment.entity";

export const assessmentNodes: NodeType[] = [{ type: ProviderAssessment }];
