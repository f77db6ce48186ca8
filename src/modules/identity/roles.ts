import { registerEnumType } from "type-graphql";

export enum Role {
  PRESIDENT = "PRESIDENT",
  DEPUTY = "DEPUTY",
  DEPARTMENT_HEAD = "DEPARTMENT_HEAD",
  STAFF = "STAFF",
  CONSULTANT = "CONSULTANT",
  AUDITOR = "AUDITOR",
}

export enum Department {
  MANAGEMENT = "MANAGEMENT",
  MEDIA = "MEDIA",
  FINANCE = "FINANCE",
  TECHNOLOGY = "TECHNOLOGY",
  TRAINING = "TRAINING",
  OPERATIONS = "OPERATIONS",
}

registerEnumType(Role, {
  name: "Role",
  description: "A member's role in one tenant (DESIGN §2)",
  valuesConfig: {
    PRESIDENT: { description: "Authority level 1; reads the own tenant and its whole subtree" },
    DEPUTY: { description: "Authority level 2; reads the own tenant and its whole subtree" },
    DEPARTMENT_HEAD: { description: "Authority level 3; reads the own tenant, and its subtree in FINANCE and MANAGEMENT" },
    STAFF: { description: "Authority level 4; reads the own tenant, handles its daily work" },
    CONSULTANT: { description: "Authority level 4; reads the own tenant's clients, writes only the cases assigned to them" },
    AUDITOR: { description: "No authority level (never approves); reads the own tenant and its subtree, writes nothing" },
  },
});
registerEnumType(Department, {
  name: "Department",
  description: "The department a membership works in",
  valuesConfig: {
    MANAGEMENT: { description: "Management; a department head here reads the subtree" },
    MEDIA: { description: "Media" },
    FINANCE: { description: "Finance; a department head here reads the subtree" },
    TECHNOLOGY: { description: "Technology" },
    TRAINING: { description: "Training" },
    OPERATIONS: { description: "Operations" },
  },
});

/** Seed 002: level 1 is the highest authority; auditors hold none and never approve. */
const AUTHORITY_LEVELS: Record<Role, number | null> = {
  [Role.PRESIDENT]: 1,
  [Role.DEPUTY]: 2,
  [Role.DEPARTMENT_HEAD]: 3,
  [Role.STAFF]: 4,
  [Role.CONSULTANT]: 4,
  [Role.AUDITOR]: null,
};

export function authorityLevelOf(role: Role): number | null {
  return AUTHORITY_LEVELS[role];
}
