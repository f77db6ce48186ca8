/** Default SLA per request level, in working days (Monday–Friday). */
export const DEFAULT_APPROVAL_SLA_WORKING_DAYS: Record<number, number> = { 1: 5, 2: 3, 3: 2, 4: 2 };

/** Reads "1=5,2=3,3=2,4=2"; levels left out keep their default. Throws on a bad entry. */
export function parseApprovalSlaWorkingDays(text: string): Record<number, number> {
  const days = { ...DEFAULT_APPROVAL_SLA_WORKING_DAYS };
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [level, value] = entry.split("=").map((part) => Number(part.trim()));
    if (!(level in days) || !Number.isInteger(value) || value <= 0) {
      throw new Error(`"${entry}" is not LEVEL=working days with LEVEL 1–4`);
    }
    days[level] = value;
  }
  return days;
}

/** `from` plus whole working days; a weekend start counts from the next Monday. */
export function addWorkingDays(from: Date, days: number): Date {
  const result = new Date(from.getTime());
  let remaining = days;
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  return result;
}
