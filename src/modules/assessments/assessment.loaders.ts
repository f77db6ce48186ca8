import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { ProviderAssessment } from "./provider-assessment.entity";

export function createAssessmentLoaders(db: EntityManager, acting: ActingContext) {
  return {
    /** A provider's assessments in period order: its own, its centre's and its centre chain's to read. */
    assessmentsByTenantId: tenantRowLoaders(db, acting, inVisibleTenantsOrChildren).groupedBy(ProviderAssessment, "tenantId", "periodUntil", "createdAt"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    assessments: ReturnType<typeof createAssessmentLoaders>;
  }
}
