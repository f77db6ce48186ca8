import { type NodeType, loadedBy } from "../nodes/node";
import { Document } from "./document.entity";
import { EvidencePackage } from "./evidence-package.entity";

export const documentNodes: NodeType[] = [
  loadedBy(Document, (session) => session.loaders.documents.documentById),
  loadedBy(EvidencePackage, (session) => session.loaders.documents.evidencePackageById),
];
