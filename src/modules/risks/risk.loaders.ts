import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { Risk, RiskIndicator, RiskReview, RiskWarning } from "./risk.entity";

export function createRiskLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    riskById: rows.byId(Risk),
    riskIndicatorById: rows.byId(RiskIndicator),
    riskWarningById: rows.byId(RiskWarning),
    indicatorsByRiskId: rows.groupedBy(RiskIndicator, "riskId", "name", "id"),
    reviewsByRiskId: rows.groupedBy(RiskReview, "riskId", "reviewedAt", "id"),
    riskReviewById: rows.byId(RiskReview),
    warningsByIndicatorId: rows.groupedBy(RiskWarning, "indicatorId", "raisedAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    risks: ReturnType<typeof createRiskLoaders>;
  }
}
