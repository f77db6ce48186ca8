import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { hydrate } from "../../db/rows/entity-rows";
import { inVisibleTenantsOrChildren, tenantRowLoaders } from "../../db/rows/row-loaders";
import { PartnerQualification } from "../partners/partner-qualification.entity";
import type { DocumentSubject } from "./document-subjects";
import { Document } from "./document.entity";
import { EvidencePackage, EvidencePackageAccess } from "./evidence-package.entity";

/** A subject's key in documentsBySubject. */
export const subjectKey = (type: DocumentSubject, id: string) => `${type}:${id}`;

/** Documents are read where their tenant's rows are read: the visible set. */
export function createDocumentLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    documentById: rows.byId(Document),
    /** Packages are read by their tenant's readers and by their recipient (recipient_read). */
    evidencePackageById: rows.byId(EvidencePackage),
    accessesByPackageId: rows.groupedBy(EvidencePackageAccess, "packageId", "at", "id"),
    /** Each package's documents the caller reads, in the package's order: the recipient reads them only while it is active. */
    documentsByPackageId: new DataLoader<string, Document[]>(async (packageIds) => {
      const rows = (await db.query(
        `SELECT pd.package_id AS package_key, d.*
           FROM evidence_package_documents pd
           JOIN documents d ON d.tenant_id = pd.tenant_id AND d.id = pd.document_id
          WHERE pd.package_id = ANY($1::uuid[])
          ORDER BY pd.seq`,
        [packageIds],
      )) as ({ package_key: string } & Record<string, unknown>)[];
      const byPackage = new Map<string, Document[]>(packageIds.map((id) => [id, []]));
      for (const row of rows) byPackage.get(row.package_key)?.push(hydrate(db, Document, row));
      return packageIds.map((id) => byPackage.get(id)!);
    }),
    /** The partners module loads qualifications by partner only; a centre reads its partners' files (parent_read). */
    partnerQualificationById: tenantRowLoaders(db, acting, inVisibleTenantsOrChildren).byId(PartnerQualification),
    /** Each visible tenant's stored bytes; null for a tenant whose rows the caller does not read. */
    storageUsedByTenantId: new DataLoader<string, number | null>(async (tenantIds) => {
      const rows = (await db.query("SELECT tenant_id, used_bytes FROM tenant_storage_usage WHERE tenant_id = ANY($1::uuid[])", [tenantIds])) as {
        tenant_id: string;
        used_bytes: string;
      }[];
      const used = new Map(rows.map((row) => [row.tenant_id, Number(row.used_bytes)]));
      return tenantIds.map((id) => used.get(id) ?? (acting.visibleTenantIds.includes(id) ? 0 : null));
    }),
    /** The visible documents attached to each subject (keys from subjectKey), oldest first. */
    documentsBySubject: new DataLoader<string, Document[]>(async (keys) => {
      const pairs = keys.map((key) => key.split(":"));
      const rows = (await db.query(
        `SELECT a.subject_type || ':' || a.subject_id AS subject_key, d.*
           FROM document_attachments a
           JOIN documents d ON d.tenant_id = a.tenant_id AND d.id = a.document_id
          WHERE a.tenant_id = ANY($1::uuid[])
            AND (a.subject_type, a.subject_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))
          ORDER BY a.created_at, d.id`,
        [acting.visibleTenantIds, pairs.map(([type]) => type), pairs.map(([, id]) => id)],
      )) as ({ subject_key: string } & Record<string, unknown>)[];
      const bySubject = new Map<string, Document[]>(keys.map((key) => [key, []]));
      for (const row of rows) bySubject.get(row.subject_key)?.push(hydrate(db, Document, row));
      return keys.map((key) => bySubject.get(key)!);
    }),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    documents: ReturnType<typeof createDocumentLoaders>;
  }
}
