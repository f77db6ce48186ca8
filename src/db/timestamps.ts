import { types } from "pg";

/** PostgreSQL's type OID of timestamptz. */
export const TIMESTAMPTZ_OID = 1184;

const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => Date | number | null;

const ZERO = 48;
const digitAt = (text: string, index: number) => text.charCodeAt(index) - ZERO;
const twoDigits = (text: string, index: number) => {
  const tens = digitAt(text, index);
  const units = digitAt(text, index + 1);
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
};

/**
 * timestamptz as PostgreSQL writes it with DateStyle ISO, `2026-12-03 06:12:45.123456+08` (the
 * offset `±HH`, `±HH:MM` or `±HH:MM:SS`), read by position instead of the default parser's regular
 * expressions and string splits. It answers exactly what pg's default parser answers, milliseconds
 * truncated the same way; anything else it leaves to that parser (BC, infinity, years below 100 or
 * above 9999, another DateStyle), so no input reads differently, only the usual one faster.
 */
export function parseTimestamptz(text: string): Date | number | null {
  return parseIsoTimestamptz(text) ?? defaultTimestamptz(text);
}

/** The usual form read by position; null for any other text. */
export function parseIsoTimestamptz(text: string): Date | null {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 1 || yearOfCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;

  let index = 19;
  let milliseconds = 0;
  if (text.charCodeAt(index) === 46) {
    let end = index + 1;
    while (end < length && digitAt(text, end) >= 0 && digitAt(text, end) <= 9) end++;
    if (end === index + 1) return null;
    // The default parser's own arithmetic, so a fraction that is not exact in binary truncates alike.
    milliseconds = 1000 * parseFloat(text.slice(index, end));
    index = end;
  }

  const sign = text.charCodeAt(index);
  if (sign !== 43 && sign !== 45) return null;
  const offsetHours = twoDigits(text, index + 1);
  if (offsetHours < 0) return null;
  let offsetSeconds = offsetHours * 3600;
  index += 3;
  for (const unit of [60, 1]) {
    if (index === length) break;
    if (text.charCodeAt(index) !== 58) return null;
    const part = twoDigits(text, index + 1);
    if (part < 0) return null;
    offsetSeconds += part * unit;
    index += 3;
  }
  if (index !== length) return null;

  const time = Date.UTC(century * 100 + yearOfCentury, month - 1, day, hour, minute, second, milliseconds);
  return new Date(sign === 45 ? time + offsetSeconds * 1000 : time - offsetSeconds * 1000);
}

/**
 * The pool's `types` (node-postgres's option): timestamptz columns through parseTimestamptz, every
 * other type through pg's own parsers, as before.
 */
export const POOL_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMPTZ_OID && (format ?? "text") === "text") return parseTimestamptz;
    return types.getTypeParser(oid, format ?? "text");
  },
};
