/** DESIGN §2: the role a membership holds in its tenant. */
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
