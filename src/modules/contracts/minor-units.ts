import { badUserInput } from "../../shared/errors";

/** The largest amount a bigint column holds: 2^63 - 1 minor units. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n;

/**
 * Money arrives as a string of digits in minor units (fen, sen, cents): never floats, never
 * signs, exponents or fractions. Zero is refused because no contract or claim is worth nothing.
 */
export function parseMinorUnitsOrThrow(value: string, argument: string): bigint {
  if (!/^[0-9]{1,19}$/.test(value)) throw badUserInput(`${argument} must be whole minor units: digits only`, { argument });
  const amount = BigInt(value);
  if (amount === 0n) throw badUserInput(`${argument} must be more than zero`, { argument });
  if (amount > MAX_MINOR_UNITS) throw badUserInput(`${argument} is larger than ${MAX_MINOR_UNITS}`, { argument });
  return amount;
}

/** Whether claiming `amount` on top of `claimed` stays within `limit` (equal to the limit passes). */
export function fitsWithin({ claimed, amount, limit }: { claimed: bigint; amount: bigint; limit: bigint }): boolean {
  return claimed + amount <= limit;
}

/** bigint columns travel as strings, so no amount is ever rounded through a JavaScript number. */
export const bigintAsString = { to: (value: string) => value, from: (value: string) => value };
