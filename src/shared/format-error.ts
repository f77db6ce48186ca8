import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { QueryFailedError } from "typeorm";
import type { ValidationError } from "class-validator";
import { AppError, ErrorCode, FieldProblem } from "./errors";
import { DEFAULT_LANGUAGE, Language } from "./language";
import { MessageText, renderMessage } from "./messages";

/** SQLSTATEs that mean the client sent something the database refused, not a fault. */
const SQLSTATE_CODES: Record<string, ErrorCode> = {
  "23505": "CONFLICT", // unique_violation
  "23502": "BAD_USER_INPUT", // not_null_violation
  "23503": "BAD_USER_INPUT", // foreign_key_violation
  "23514": "BAD_USER_INPUT", // check_violation
  "22P02": "BAD_USER_INPUT", // invalid_text_representation
  "22001": "BAD_USER_INPUT", // string_data_right_truncation
  "22003": "BAD_USER_INPUT", // numeric_value_out_of_range
  "22007": "BAD_USER_INPUT", // invalid_datetime_format
  "22008": "BAD_USER_INPUT", // datetime_field_overflow
  "22021": "BAD_USER_INPUT", // character_not_in_repertoire: text with U+0000 that got past the operation checks
  "22P05": "BAD_USER_INPUT", // untranslatable_character
  "42501": "FORBIDDEN", // insufficient_privilege, including a row-level security refusal
  "57014": "SERVICE_UNAVAILABLE", // query_canceled: the statement_timeout of the request
  "57P01": "SERVICE_UNAVAILABLE", // admin_shutdown: the database is restarting
  "57P02": "SERVICE_UNAVAILABLE", // crash_shutdown
  "57P03": "SERVICE_UNAVAILABLE", // cannot_connect_now: still starting
};

const DATABASE_REFUSALS: Partial<Record<ErrorCode, string>> = {
  CONFLICT: "A record with the same key already exists",
  FORBIDDEN: "Not allowed",
  BAD_USER_INPUT: "The input was refused by a data rule",
  SERVICE_UNAVAILABLE: "The request was cut short (time limit or database restart); retry",
};

interface ClientFacingError {
  code: string;
  message: MessageText;
  details?: Record<string, unknown>;
}

/**
 * Apollo's refusals of a persisted-query request that carry no code (so they would be masked and
 * logged as faults), by Apollo's message: what the client is told instead.
 */
const UNCODED_APOLLO_REFUSALS = new Map<string, ClientFacingError>([
  ["provided sha does not match query", { code: "BAD_USER_INPUT", message: "The document does not match its persisted-query sha256Hash" }],
  ["Unsupported persisted query version", { code: "PERSISTED_QUERY_NOT_SUPPORTED", message: "Only version 1 of persisted queries is supported" }],
]);

/**
 * What the client may learn from an error, or null when it is a fault of ours: typed errors
 * keep their code, validation failures become BAD_USER_INPUT, a database refusal of the
 * input keeps its meaning, and GraphQL's own errors (parse, validation) keep Apollo's codes.
 */
export function describeForClient(error: unknown): ClientFacingError | null {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { code: original.code, message: original.text, details: original.details };
  }
  if (original instanceof ArgumentValidationError) {
    return { code: "BAD_USER_INPUT", message: "Argument validation failed", details: { fields: fieldProblems(original.extensions.validationErrors) } };
  }
  if (original instanceof QueryFailedError) {
    const driverError = original.driverError as { code?: string; message?: string };
    if (!driverError.code && /Connection terminated|connection error|ECONNRESET|ECONNREFUSED/i.test(driverError.message ?? "")) {
      return { code: "SERVICE_UNAVAILABLE", message: "The database connection was lost; retry" };
    }
    const code = SQLSTATE_CODES[driverError.code ?? ""];
    return code ? { code, message: DATABASE_REFUSALS[code] ?? code } : null;
  }
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") return { code, message: original.message };
    if (code === undefined) return UNCODED_APOLLO_REFUSALS.get(original.message) ?? null;
  }
  return null;
}

/** class-validator's failures, one problem per broken constraint, named by their dotted path. */
function fieldProblems(errors: readonly ValidationError[], prefix = ""): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], `${field}.`)];
  });
}

/** An error's code, message and details as the client reads them, in `language`; null for a fault of ours. */
export function clientAnswerOf(error: unknown, language: Language): { code: string; message: string; details?: Record<string, unknown> } | null {
  const described = describeForClient(error);
  return described && { code: described.code, message: renderMessage(described.message, language), details: detailsIn(described.details, language) };
}

/** Details with their field problems' messages in `language`; every other detail is a fact, the same in any language. */
export function detailsIn(details: Record<string, unknown> | undefined, language: Language): Record<string, unknown> | undefined {
  if (!details || !Array.isArray(details.fields)) return details;
  return { ...details, fields: (details.fields as FieldProblem[]).map(({ field, message }) => ({ field, message: renderMessage(message, language) })) };
}

/** Where formatError leaves, on each error it shapes, how to shape it again in another language. */
const IN_LANGUAGE = Symbol("formatted error in another language");

interface Relocalisable {
  [IN_LANGUAGE]?: (language: Language) => GraphQLFormattedError;
}

/**
 * The one place errors are shaped for clients; faults are masked (and logged by the server plugin).
 * Apollo calls it without the request, so it answers English and keeps (unserialised) the way to
 * answer another language, which the request lifecycle takes once it knows the request's.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const shaped = formatErrorIn(formatted, error, DEFAULT_LANGUAGE);
  Object.defineProperty(shaped, IN_LANGUAGE, { value: (language: Language) => formatErrorIn(formatted, error, language), enumerable: false });
  return shaped;
}

/** The errors formatError shaped, shaped again in `language`; others as they are. */
export function formattedErrorsIn(errors: readonly GraphQLFormattedError[], language: Language): GraphQLFormattedError[] {
  return errors.map((error) => (error as Relocalisable)[IN_LANGUAGE]?.(language) ?? error);
}

function formatErrorIn(formatted: GraphQLFormattedError, error: unknown, language: Language): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const answer = clientAnswerOf(error, language);
  if (!answer) return { ...base, message: renderMessage("Internal server error", language), extensions: { code: "INTERNAL_SERVER_ERROR" } };
  // One shape for bad input wherever it was found: graphql-js's variable coercion and the
  // database's refusals name no field of ours, so theirs is an empty list.
  const details = answer.code === "BAD_USER_INPUT" ? { fields: [], ...answer.details } : answer.details;
  return { ...base, message: answer.message, extensions: { code: answer.code, ...details } };
}

/**
 * Codes that set a GraphQL answer's HTTP status, in precedence order. Bad input is 400 wherever
 * it was found (graphql-js's own variable checks already answer 400): the same request can never
 * succeed. An outage is 503, which clients and proxies retry. Other codes are field errors,
 * answered 200 beside whatever data resolved.
 */
const ANSWER_STATUS: readonly [string, number][] = [
  ["BAD_USER_INPUT", 400],
  ["SERVICE_UNAVAILABLE", 503],
];

export function httpStatusOf(errors: readonly GraphQLFormattedError[]): number | undefined {
  const codes = new Set(errors.map((error) => error.extensions?.code));
  return ANSWER_STATUS.find(([code]) => codes.has(code))?.[1];
}
