import { GraphQLScalarType } from "graphql";
import { GraphQLISODateTime } from "type-graphql";
import { badUserInput } from "./errors";
import { t } from "./messages";

/** The instants the API takes as input: calendar arithmetic (UTC months, years below 100) and PostgreSQL both hold them exactly. */
const EARLIEST = Date.UTC(1900, 0, 1);
const AFTER_LATEST = Date.UTC(9999, 11, 31, 24);

function inRangeOrThrow(date: Date): Date {
  if (date.getTime() < EARLIEST || date.getTime() >= AFTER_LATEST) throw new TypeError("A date-time must lie between 1900-01-01 and 9999-12-31");
  return date;
}

/**
 * Every `Date` argument and input field: type-graphql's DateTimeISO (an RFC 3339 date-time with
 * its offset), refused while variables are coerced or the document is validated when it lies
 * outside the years 1900–9999, so no resolver ever sees such a date.
 */
export const DateTimeISO = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  parseValue: (value) => inRangeOrThrow(GraphQLISODateTime.parseValue(value) as Date),
  parseLiteral: (node, variables) => inRangeOrThrow(GraphQLISODateTime.parseLiteral(node, variables) as Date),
});

/**
 * A date filter given as text outside GraphQL (a CSV download's query string): what DateTimeISO
 * accepts, or a calendar date `YYYY-MM-DD`, meaning its first instant in UTC.
 */
export function dateFilterOrThrow(text: string, name: string): Date {
  try {
    return DateTimeISO.parseValue(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text) as Date;
  } catch {
    throw badUserInput(t("{name} must be a date (YYYY-MM-DD) or a date-time with its offset, between 1900 and 9999", { name }), name);
  }
}
