import { MessageText, renderMessage } from "./messages";

/** The codes a client can rely on in `extensions.code` (DESIGN §7). */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "GONE"
  | "QUOTA_EXCEEDED"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

/**
 * An error the client is meant to see: its message and code are part of the answer. `message` is
 * the English text (logs); the answer renders `text` in the request's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: MessageText,
    readonly details?: Record<string, unknown>,
  ) {
    super(renderMessage(text));
    this.name = "AppError";
  }
}

/**
 * A rate limit refused the request. `extensions.http` is how Apollo answers an error thrown while
 * executing with 429 and Retry-After, like the limits checked before GraphQL.
 */
export class RateLimitedError extends AppError {
  readonly extensions: { http: { status: number; headers: Map<string, string> } };

  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many requests", { retryAfterSeconds });
    this.extensions = { http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } };
  }
}

export const unauthenticated = (message: MessageText = "Authentication required") => new AppError("UNAUTHENTICATED", message);
export const forbidden = (message: MessageText = "Not allowed") => new AppError("FORBIDDEN", message);
/**
 * One input the client must change: `field` names the argument or input field as the client
 * wrote it (dotted into nested inputs and lists, e.g. `scores.0.score`).
 */
export interface FieldProblem {
  field: string;
  message: MessageText;
}

/** BAD_USER_INPUT always carries `fields`: the inputs to change, empty when no single one is to blame. */
export const badUserInputs = (message: MessageText, fields: FieldProblem[]) => new AppError("BAD_USER_INPUT", message, { fields });

/** Bad input in one argument or input field (`field`), or in the request as a whole. */
export const badUserInput = (message: MessageText, field?: string) => badUserInputs(message, field ? [{ field, message }] : []);
export const notFound = (message: MessageText = "Not found") => new AppError("NOT_FOUND", message);
export const conflict = (message: MessageText, details?: Record<string, unknown>) => new AppError("CONFLICT", message, details);
/** A link that worked once and never will again (a revoked or expired share URL). */
export const gone = (message: MessageText) => new AppError("GONE", message);
/** A limit of the tenant (its storage quota) that this change would pass; `details` says which and by how much. */
export const quotaExceeded = (message: MessageText, details: Record<string, unknown>) => new AppError("QUOTA_EXCEEDED", message, details);

/** The HTTP status of a coded error, for the non-GraphQL routes (CSV reports). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  QUOTA_EXCEEDED: 413,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};
