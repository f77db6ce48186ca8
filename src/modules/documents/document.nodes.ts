import { type NodeType, loadedBy } from "../nodes/node";
import { Document } from "./document.entity";

export const documentNodes: NodeType[] = [loadedBy(Document, (session) => session.loaders.documents.documentById)];
