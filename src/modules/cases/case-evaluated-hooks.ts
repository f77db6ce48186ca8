import type { ModuleSettings } from "../../config";
import type { MemberSession } from "../../context/request-context";
import type { CaseEvaluation } from "./case-records.entity";
import type { ServiceCase } from "./service-case.entity";

/** What another module does, inside the evaluating transaction, once a case's evaluation is recorded (e.g. schedule its revisit). */
export type CaseEvaluatedHook = (event: {
  session: MemberSession;
  settings: ModuleSettings;
  serviceCase: ServiceCase;
  evaluation: CaseEvaluation;
}) => Promise<void>;

let HOOKS: readonly CaseEvaluatedHook[] = [];

export function caseEvaluatedHooks(): readonly CaseEvaluatedHook[] {
  return HOOKS;
}

/** Called when the app is assembled, with what every module's descriptor lists. */
export function useCaseEvaluatedHooks(hooks: readonly CaseEvaluatedHook[]): void {
  HOOKS = hooks;
}

declare module "../../shared/module-descriptor" {
  interface ModuleDescriptor {
    /** Run after each case evaluation, in the modules' order; the cases module imports none of them. */
    onCaseEvaluated?: readonly CaseEvaluatedHook[];
  }
}
