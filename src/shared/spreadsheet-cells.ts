/**
 * Spreadsheets run a cell that begins with one of these as a formula (OWASP, CSV injection):
 * `=HYPERLINK(…)` in a partner's name would become a live link in head office's report.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * The one way a value becomes a spreadsheet cell, in every export (CSV now, xlsx alike): text that
 * a spreadsheet would run as a formula is prefixed with a single quote, which shows it as the
 * text it is. Numbers stay numbers, negative ones included: they come from numeric figures, not
 * from what a user typed, and a spreadsheet reads `-5` as minus five, never as a formula (an xlsx
 * writer stores them as numeric cells). Everything else that is not text keeps its type too.
 */
export function spreadsheetCell(value: unknown): unknown {
  if (typeof value === "string") return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return spreadsheetCell(JSON.stringify(value));
  return value;
}

export function spreadsheetRow(row: readonly unknown[]): unknown[] {
  return row.map(spreadsheetCell);
}
