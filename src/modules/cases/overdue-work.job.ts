import type { DataSource } from "typeorm";
import type { SettingSpecs } from "../../config";
import { query, sql } from "../../db/rows/sql";
import type { ModuleJob } from "../../shared/module-descriptor";
import { recordEvent } from "../events/event-outbox";

declare module "../../config" {
  interface ModuleSettings {
    /** How often each API process looks for missed response targets and overdue tasks; 0: never. */
    overdueWorkIntervalSeconds: number;
  }
}

export const OVERDUE_WORK_SETTINGS: SettingSpecs = {
  overdueWorkIntervalSeconds: { variable: "OVERDUE_WORK_INTERVAL_SECONDS", parse: parseIntervalSeconds },
};

function parseIntervalSeconds(text: string): number {
  if (text === "") return 300;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("must be a whole number of seconds, 0 or more");
  return seconds;
}

/**
 * Raises `task.overdue` once for each open task past its due date (its owner is told) and each
 * open case past its first-response target (its consultant is told). Runs as the migration role,
 * across tenants; the advisory lock lets one process of several do it at a time, and the outbox
 * itself remembers what was raised, so a second run raises nothing new.
 */
export async function raiseOverdueWork(dataSource: DataSource, now: Date = new Date()): Promise<number> {
  return dataSource.transaction(async (db) => {
    const [{ locked }] = await query<{ locked: boolean }>(db, sql`SELECT pg_try_advisory_xact_lock(hashtext('raiseOverdueWork')) AS locked`);
    if (!locked) return 0;
    const overdue = await query<{ tenant_id: string; subject_type: string; subject_id: string; case_id: string }>(
      db,
      sql`SELECT t.tenant_id, 'CaseTask' AS subject_type, t.id AS subject_id, t.case_id FROM case_tasks t
           WHERE t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_on < ${now}::date
             AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_id = t.id AND e.type = 'task.overdue')
          UNION ALL
          SELECT c.tenant_id, 'ServiceCase', c.id, c.id FROM service_cases c
           WHERE c.step <> 'ARCHIVED' AND c.first_response_at IS NULL AND c.response_due_at < ${now}
             AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_id = c.id AND e.type = 'task.overdue')`,
    );
    for (const row of overdue) {
      await recordEvent(db, {
        type: "task.overdue",
        tenantId: row.tenant_id,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        actorId: null,
        data: { caseId: row.case_id },
      });
    }
    return overdue.length;
  });
}

export const overdueWorkJob: ModuleJob = {
  name: "overdue-work",
  intervalSeconds: (settings) => settings.overdueWorkIntervalSeconds,
  async run({ dataSource, log }) {
    const raised = await raiseOverdueWork(dataSource);
    if (raised > 0) log.info({ raised }, "overdue tasks and missed response targets raised");
  },
};
