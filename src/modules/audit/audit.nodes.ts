import type { NodeType } from "../nodes/node";
import { AuditEntry } from "./audit-entry.entity";
import { findAuditEntry } from "./audit.service";

export const auditNodes: NodeType[] = [{ type: AuditEntry, find: findAuditEntry, idKind: "bigint" }];
