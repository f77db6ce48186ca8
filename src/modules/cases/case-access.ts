import { ActingContext, writableOrThrow } from "../../context/acting-context";
import { conflict, forbidden } from "../../shared/errors";
import { Role } from "../../context/roles";
import type { ServiceCase } from "./service-case.entity";
import { ServiceStep } from "./service-step";

/** Staff and above write any case of their own tenant; a consultant only the cases assigned to them. */
const WRITES_EVERY_CASE: ReadonlySet<Role> = new Set([Role.PRESIDENT, Role.DEPUTY, Role.DEPARTMENT_HEAD, Role.STAFF]);

export function canWriteCase(acting: ActingContext, serviceCase: Pick<ServiceCase, "tenantId" | "consultantId">): boolean {
  if (!acting.canWrite(serviceCase.tenantId)) return false;
  return WRITES_EVERY_CASE.has(acting.role) || (acting.role === Role.CONSULTANT && serviceCase.consultantId === acting.userId);
}

/** NOT_FOUND when invisible, FORBIDDEN when not the caller's to change, CONFLICT once archived. */
export function writableCaseOrThrow(acting: ActingContext, serviceCase: ServiceCase | null): ServiceCase {
  const found = writableOrThrow(acting, serviceCase, "Service case");
  if (!canWriteCase(acting, found)) throw forbidden("Consultants change only the cases assigned to them");
  if (found.step === ServiceStep.ARCHIVED) throw conflict("The case is archived and read-only", { step: found.step });
  return found;
}
