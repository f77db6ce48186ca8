import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { auditNodes } from "./audit.nodes";
import { auditRules } from "./audit.rules";
import { AuditResolver } from "./audit.resolver";
import { AuditEntry } from "./audit-entry.entity";

/** The append-only, hash-chained audit trail that a database trigger writes. */
export const auditModule: ModuleDescriptor = {
  name: "audit",
  entities: [AuditEntry],
  resolvers: [AuditResolver],
  rules: auditRules,
  nodeTypes: auditNodes,
};
