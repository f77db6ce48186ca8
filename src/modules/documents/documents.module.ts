import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { DOCUMENT_SETTINGS } from "./document-settings";
import { Document } from "./document.entity";
import { createDocumentLoaders } from "./document.loaders";
import { DocumentResolver, SUBJECT_DOCUMENTS_RESOLVERS, TenantStorageResolver } from "./document.resolver";
import { DOCUMENT_ROUTES } from "./document.routes";
import { documentRules } from "./document.rules";
import { expiredUploadsJob, unreferencedContentJob } from "./storage-cleanup.jobs";
import { documentNodes } from "./document.nodes";
import { EvidencePackage, EvidencePackageAccess } from "./evidence-package.entity";
import { EvidencePackageResolver } from "./evidence-package.resolver";

/** Files stored under the same isolation as rows: uploads, downloads, the records they are attached to, and evidence packages shared with certifiers (issue 17). */
export const documentsModule: ModuleDescriptor = {
  name: "documents",
  entities: [Document, EvidencePackage, EvidencePackageAccess],
  resolvers: [DocumentResolver, EvidencePackageResolver, TenantStorageResolver, ...SUBJECT_DOCUMENTS_RESOLVERS],
  rules: documentRules,
  loaders: { documents: createDocumentLoaders },
  settings: DOCUMENT_SETTINGS,
  routes: DOCUMENT_ROUTES,
  jobs: [expiredUploadsJob, unreferencedContentJob],
  nodeTypes: documentNodes,
};
