import { badUserInput } from "./errors";
import { t } from "./messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The id of a value object a client caches (no row of its own): its type and what it is derived
 * from, so it never equals a row's UUID nor another type's id.
 */
export function derivedId(typeName: string, ...parts: readonly string[]): string {
  return [typeName, ...parts].join(":");
}

/** Ids are UUIDs; anything else is bad input rather than "not found". */
export function parseIdOrThrow(value: string, argument = "id"): string {
  if (!isUuid(value)) throw badUserInput(t("{argument} is not a valid id", { argument }), argument);
  return value.toLowerCase();
}
