import { Client, types } from "pg";
import { POOL_TYPES, TIMESTAMPTZ_OID, parseIsoTimestamptz, parseTimestamptz } from "../../src/db/timestamps";

const defaultParser = types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => unknown;

/** The same answer: Dates at the same instant (NaN alike), anything else identical. */
const sameAnswer = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? Object.is(a.getTime(), b.getTime()) : Object.is(a, b));

function expectDefaultAnswers(texts: string[]): void {
  const differing = texts.filter((text) => !sameAnswer(parseTimestamptz(text), defaultParser(text)));
  expect(differing).toEqual([]);
}

/** Deterministic pseudo-random integers (a linear congruential generator), so a failure replays. */
function* pseudoRandom(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state;
  }
}

const MICROS_PER_YEAR = 365.2425 * 24 * 3600 * 1e6;
/** Instants from year 0100 to 9999 at microsecond precision, as PostgreSQL stores them. */
function instants(count: number, seed: number): string[] {
  const random = pseudoRandom(seed);
  const first = -1870 * MICROS_PER_YEAR;
  const span = 9899 * MICROS_PER_YEAR;
  return Array.from({ length: count }, () => {
    const value = first + ((random.next().value / 2 ** 31) * span) + (random.next().value % 1_000_000);
    // Every fourth instant on a whole second, a millisecond or a fraction with trailing zeros.
    const rounding = [1, 1_000_000, 1000, 10_000][random.next().value % 4];
    return String(Math.round(value / rounding) * rounding);
  });
}

const TIME_ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Kuala_Lumpur",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/St_Johns",
  "America/New_York",
  "Europe/Amsterdam",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Etc/GMT+12",
  "<+0330>-03:30",
];

describe("timestamptz parsing", () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.LINK_PASS_TEST_ADMIN_URL });
    await db.connect();
  });
  afterAll(() => db.end());

  /** PostgreSQL's own text of each instant in a session time zone and DateStyle. */
  const written = async (micros: string[], timeZone: string, dateStyle = "ISO, MDY") => {
    await db.query("SELECT set_config('TimeZone', $1, false), set_config('DateStyle', $2, false)", [timeZone, dateStyle]);
    const { rows } = await db.query("SELECT (timestamptz 'epoch' + m * interval '1 microsecond')::text AS text FROM unnest($1::bigint[]) m", [micros]);
    return rows.map((row) => row.text as string);
  };

  it("reads every instant PostgreSQL writes, in every offset form its time zones use (historic seconds included), as the default parser does", async () => {
    const seen: string[] = [];
    for (const [index, timeZone] of TIME_ZONES.entries()) {
      const texts = await written(instants(2000, index + 1), timeZone);
      expectDefaultAnswers(texts);
      // Read by the fast path itself, not by falling back.
      expect(texts.filter((text) => parseIsoTimestamptz(text) === null)).toEqual([]);
      seen.push(...texts);
    }
    const offsetForms = new Set(seen.map((text) => /[+-]\d{2}(:\d{2}){0,2}$/.exec(text)![0].length));
    expect([...offsetForms].sort()).toEqual([3, 6, 9]);
  });

  it("leaves to the default parser what it does not read itself: BC, years below 100 or past 9999, infinity, other DateStyles, garbage", async () => {
    const unusual = await written(["-63000000000000000", "-62135596800000000", "-59000000000000000", "253402300800000000", "300000000000000000"], "Asia/Shanghai");
    expect(unusual.some((text) => text.endsWith(" BC"))).toBe(true);
    const { rows } = await db.query("SELECT 'infinity'::timestamptz::text AS up, '-infinity'::timestamptz::text AS down");
    const otherStyles = [
      ...(await written(instants(50, 99), "Asia/Shanghai", "Postgres, DMY")),
      ...(await written(instants(50, 98), "Asia/Shanghai", "SQL, MDY")),
      ...(await written(instants(50, 97), "Asia/Shanghai", "German")),
    ];
    const handWritten = [
      "2026-12-03 06:12:45+08",
      "2026-12-03 06:12:45.5+08",
      "2026-12-03 06:12:45.123456-03:30",
      "2026-12-03 06:12:45.1234567+00",
      "2026-12-03 06:12:45.+08",
      "2026-12-03 06:12:45+8",
      "2026-12-03 06:12:45+08:3",
      "2026-12-03 06:12:45+08:30:15:00",
      "2026-12-03T06:12:45Z",
      "2026-12-03 06:12:45",
      "2026-12-03",
      "2026-02-30 06:12:45+08",
      "2026-13-03 25:61:61+08",
      "0099-12-31 23:59:59+00",
      "",
      "not a time",
    ];
    expectDefaultAnswers([...unusual, rows[0].up, rows[0].down, ...otherStyles, ...handWritten]);
  });

  it("truncates fractions to milliseconds exactly as the default parser, for every fraction of one to six digits' interesting lengths", () => {
    const fractions: string[] = [];
    for (let ms = 0; ms < 1000; ms++) {
      const three = String(ms).padStart(3, "0");
      fractions.push(three.replace(/0+$/, "") || "0", `${three}999`, `${three}001`, `${three}5`);
    }
    expectDefaultAnswers(fractions.map((fraction) => `2026-12-03 06:12:45.${fraction}+08`));
  });

  it("is what the pool reads timestamptz columns with, and leaves every other type to pg", async () => {
    expect(POOL_TYPES.getTypeParser(TIMESTAMPTZ_OID, "text")).toBe(parseTimestamptz);
    for (const oid of [16, 20, 23, 25, 114, 1082, 1114, 1185, 1700, 2950, 3802]) {
      expect(POOL_TYPES.getTypeParser(oid, "text")).toBe(types.getTypeParser(oid, "text"));
    }
    const pooled = new Client({ connectionString: process.env.LINK_PASS_TEST_ADMIN_URL, types: POOL_TYPES });
    await pooled.connect();
    try {
      const micros = instants(200, 7);
      const { rows } = await pooled.query("SELECT timestamptz 'epoch' + m * interval '1 microsecond' AS at, (timestamptz 'epoch' + m * interval '1 microsecond')::text AS text FROM unnest($1::bigint[]) m", [micros]);
      expect(rows.filter((row) => !sameAnswer(row.at, defaultParser(row.text)))).toEqual([]);
    } finally {
      await pooled.end();
    }
  });
});
