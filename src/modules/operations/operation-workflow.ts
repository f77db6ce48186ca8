import { conflict } from "../../shared/errors";
import { TaskStatus } from "../cases/service-step";
import { ProjectStage, RectificationStatus } from "./operation-project.entity";

/**
 * Seed 004 §3: planning (re-planning while PLANNED), execution once the plan's internal review
 * approved it, acceptance, and back to execution to rectify when the client refuses it.
 */
export const PROJECT_STAGE_TRANSITIONS: Record<ProjectStage, readonly ProjectStage[]> = {
  [ProjectStage.INTAKE]: [ProjectStage.PLANNED],
  [ProjectStage.PLANNED]: [ProjectStage.PLANNED, ProjectStage.EXECUTING],
  [ProjectStage.EXECUTING]: [ProjectStage.AWAITING_ACCEPTANCE],
  [ProjectStage.AWAITING_ACCEPTANCE]: [ProjectStage.ACCEPTED, ProjectStage.EXECUTING],
  [ProjectStage.ACCEPTED]: [],
};

/** A task is started, finished or dropped; finished and dropped tasks stay so. */
export const PROJECT_TASK_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  [TaskStatus.OPEN]: [TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED],
  [TaskStatus.IN_PROGRESS]: [TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELLED],
  [TaskStatus.DONE]: [],
  [TaskStatus.CANCELLED]: [],
};

/** The owner rectifies; a third member verifies, or sends it back to be rectified again. */
export const RECTIFICATION_TRANSITIONS: Record<RectificationStatus, readonly RectificationStatus[]> = {
  [RectificationStatus.ISSUED]: [RectificationStatus.RECTIFIED],
  [RectificationStatus.RECTIFIED]: [RectificationStatus.VERIFIED, RectificationStatus.ISSUED],
  [RectificationStatus.VERIFIED]: [],
};

/** CONFLICT, naming the current state, for a move `table` does not allow. */
export function assertMoveOrThrow<S extends string>(table: Record<S, readonly S[]>, label: string, from: S, to: S): void {
  if (!table[from].includes(to)) throw conflict(`A ${label} in ${from} cannot move to ${to}`, { status: from, allowed: table[from] });
}
