import { IsISO8601, Matches, ValidationOptions } from "class-validator";

/** Text with at least one non-space character; the message names the field. */
export function NotBlank(options: ValidationOptions = {}): PropertyDecorator {
  return (target, property) =>
    Matches(/\S/, { message: `${String(property)} must not be blank`, ...options })(target, property as string);
}

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function CalendarDate(): PropertyDecorator {
  return (target, property) => {
    const message = `${String(property)} must be a date as YYYY-MM-DD`;
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message })(target, property as string);
    IsISO8601({ strict: true, strictSeparator: true }, { message })(target, property as string);
  };
}
