import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { Document } from "./document.entity";

/** Documents are read where their tenant's rows are read: the visible set. */
export function createDocumentLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    documentById: rows.byId(Document),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    documents: ReturnType<typeof createDocumentLoaders>;
  }
}
