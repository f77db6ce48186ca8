import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { QueryFailedError } from "typeorm";
import { AppError, ErrorCode } from "./errors";

/** SQLSTATEs that mean the client sent something the database refused, not a fault. */
const SQLSTATE_CODES: Record<string, ErrorCode> = {
  "23505": "CONFLICT", // unique_violation
  "23502": "BAD_USER_INPUT", // not_null_violation
  "23503": "BAD_USER_INPUT", // foreign_key_violation
  "23514": "BAD_USER_INPUT", // check_violation
  "22P02": "BAD_USER_INPUT", // invalid_text_representation
  "22001": "BAD_USER_INPUT", // string_data_right_truncation
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
  message: string;
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
    return { code: original.code, message: original.message, details: original.details };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors.map((v) => ({
      property: v.property,
      constraints: v.constraints ?? {},
      children: v.children?.map((child) => ({ property: child.property, constraints: child.constraints ?? {} })),
    }));
    return { code: "BAD_USER_INPUT", message: "Argument validation failed", details: { fields } };
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

/** The one place errors are shaped for clients; faults are masked (and logged by the server plugin). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const described = describeForClient(error);
  if (!described) return { ...base, message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
  return { ...base, message: described.message, extensions: { code: described.code, ...described.details } };
}
