import { badUserInput } from "./errors";
import { t } from "./messages";

/** PostgreSQL bigint: every stored amount and total must fit. */
const INT8_MAX = 9_223_372_036_854_775_807n;
const INT8_MIN = -9_223_372_036_854_775_808n;

/** A currency code as the database CHECK expects it (ISO 4217). */
export const CURRENCY = /^[A-Z]{3}$/;

/** Whole minor units as a decimal string, optionally signed; the digits must fit in a bigint. */
export function parseMinorUnitsOrThrow(value: string, argument: string, { signed = false } = {}): bigint {
  const pattern = signed ? /^-?[0-9]{1,19}$/ : /^[0-9]{1,19}$/;
  if (!pattern.test(value)) {
    throw badUserInput(t("{argument} must be whole minor units as {signed, select, yes {an optionally signed } other {}}string of digits", { argument, signed: signed ? "yes" : "no" }), argument);
  }
  return withinBigintOrThrow(BigInt(value), argument);
}

/** An amount that is worth something: a contract value, a claim. */
export function parsePositiveMinorUnitsOrThrow(value: string, argument: string): bigint {
  const amount = parseMinorUnitsOrThrow(value, argument);
  if (amount === 0n) throw badUserInput(t("{argument} must be more than zero", { argument }), argument);
  return amount;
}

/** Whether claiming `amount` on top of `claimed` stays within `limit` (equal to the limit passes). */
export function fitsWithin({ claimed, amount, limit }: { claimed: bigint; amount: bigint; limit: bigint }): boolean {
  return claimed + amount <= limit;
}

/** A settlement line: signed, never zero (positive: the national centre owes the counterparty). */
export function parseLineAmountOrThrow(value: string, argument = "amountMinor"): bigint {
  const amount = parseMinorUnitsOrThrow(value, argument, { signed: true });
  if (amount === 0n) throw badUserInput(t("{argument} must not be zero", { argument }), argument);
  return amount;
}

/** The exact sum, refused when it would not fit the bigint column it is stored in. */
export function sumMinorUnitsOrThrow(amounts: readonly bigint[], argument: string): bigint {
  return withinBigintOrThrow(amounts.reduce((sum, amount) => sum + amount, 0n), argument);
}

export function withinBigintOrThrow(amount: bigint, argument: string): bigint {
  if (amount > INT8_MAX || amount < INT8_MIN) throw badUserInput(t("{argument} is beyond the largest amount that can be stored", { argument }), argument);
  return amount;
}

/** Reads bigint columns as strings, so no amount ever passes through a float. */
export const bigintAsString = { to: (value: string) => value, from: (value: string) => value };
