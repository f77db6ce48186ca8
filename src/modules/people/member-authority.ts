import type { ActingContext } from "../../context/acting-context";
import { Department, Role, authorityLevelOf } from "../../context/roles";
import { forbidden } from "../../shared/errors";
import { t } from "../../shared/messages";

/** Who administers a tenant's members: its president, a deputy, or the head of MANAGEMENT. */
export function administersMembers(acting: ActingContext): boolean {
  return (
    acting.role === Role.PRESIDENT ||
    acting.role === Role.DEPUTY ||
    (acting.role === Role.DEPARTMENT_HEAD && acting.department === Department.MANAGEMENT)
  );
}

/**
 * Nobody gives (or takes from someone holding) an authority above their own; an equal one is
 * allowed (a president invites a second president). AUDITOR holds no level: only a president assigns it.
 */
export function assertMayAssignRole(acting: ActingContext, role: Role): void {
  if (role === Role.AUDITOR) {
    if (acting.role !== Role.PRESIDENT) throw forbidden("Only a president assigns or changes the AUDITOR role");
    return;
  }
  const level = authorityLevelOf(role) as number;
  if (acting.authorityLevel === null || level < acting.authorityLevel) {
    throw forbidden(t("Nobody assigns or changes an authority above their own ({role} is level {level}, yours {own})", { role, level, own: String(acting.authorityLevel) }));
  }
}
