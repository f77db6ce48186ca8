import { fitsWithin, parseLineAmountOrThrow, parseMinorUnitsOrThrow, parsePositiveMinorUnitsOrThrow, sumMinorUnitsOrThrow } from "../../src/shared/money";

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "no error";
};

describe("money in minor units", () => {
  it("a line amount keeps its sign and every digit", () => {
    expect(parseLineAmountOrThrow("-120050")).toBe(-120050n);
    expect(parseLineAmountOrThrow("9223372036854775807")).toBe(9223372036854775807n);
    expect(parseLineAmountOrThrow("-9223372036854775808")).toBe(-9223372036854775808n);
  });

  it.each(["0", "-0", "1.5", "1e3", " 12", "+5", "", "abc", "9223372036854775808", "-9223372036854775809"])(
    "a line amount of %p is bad input",
    (value) => expect(codeOf(() => parseLineAmountOrThrow(value))).toBe("BAD_USER_INPUT"),
  );

  it("an unsigned amount refuses a sign", () => {
    expect(parseMinorUnitsOrThrow("0", "revenueMinor")).toBe(0n);
    expect(codeOf(() => parseMinorUnitsOrThrow("-1", "revenueMinor"))).toBe("BAD_USER_INPUT");
  });

  it("sums exactly, and refuses a sum beyond a bigint in either direction", () => {
    expect(sumMinorUnitsOrThrow([4_800_000n, -1_200_000n, 650_000n], "lineItems")).toBe(4_250_000n);
    expect(sumMinorUnitsOrThrow([9223372036854775807n, -1n, 1n], "lineItems")).toBe(9223372036854775807n);
    expect(codeOf(() => sumMinorUnitsOrThrow([9223372036854775807n, 1n], "lineItems"))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => sumMinorUnitsOrThrow([-9223372036854775808n, -1n], "lineItems"))).toBe("BAD_USER_INPUT");
  });
});

describe("claims in minor units", () => {
  it("parses digits exactly up to 2^63-1 and refuses everything else", () => {
    expect(parsePositiveMinorUnitsOrThrow("9223372036854775807", "a")).toBe(9223372036854775807n);
    expect(parsePositiveMinorUnitsOrThrow("1", "a")).toBe(1n);
    for (const bad of ["0", "-1", "1.0", "1e3", " 1", "", "9223372036854775808", "99999999999999999999"]) {
      expect(() => parsePositiveMinorUnitsOrThrow(bad, "a")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
  });

  it("a claim equal to the rest fits, one minor unit more does not, also beyond 2^53", () => {
    expect(fitsWithin({ claimed: 5n, amount: 5n, limit: 10n })).toBe(true);
    expect(fitsWithin({ claimed: 5n, amount: 6n, limit: 10n })).toBe(false);
    const limit = 9223372036854775807n;
    expect(fitsWithin({ claimed: limit - 1n, amount: 1n, limit })).toBe(true);
    expect(fitsWithin({ claimed: limit, amount: 1n, limit })).toBe(false);
  });
});
