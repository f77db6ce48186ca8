import { conflict } from "../../shared/errors";
import { t } from "../../shared/messages";
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

/** Each label as the choice its message selects (ICU choices are single words). */
const LABEL_CHOICES = { project: "project", "rectification notice": "rectificationNotice", "project task": "projectTask" } as const;

/** CONFLICT, naming the current state, for a move `table` does not allow. */
export function assertMoveOrThrow<S extends string>(table: Record<S, readonly S[]>, label: keyof typeof LABEL_CHOICES, from: S, to: S): void {
  if (!table[from].includes(to)) throw conflict(t("A {label, select, project {project} rectificationNotice {rectification notice} other {project task}} in {from} cannot move to {to}", { label: LABEL_CHOICES[label], from, to }), { status: from, allowed: table[from] });
}
