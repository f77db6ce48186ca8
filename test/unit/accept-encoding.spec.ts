import { negotiateEncoding } from "../../src/http/http-answer";

describe("Accept-Encoding", () => {
  it.each([
    ["gzip, deflate, br", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["BR;Q=1, gzip;q=0.9", "br"],
    ["*", "br"],
    ["*;q=0.1, br;q=0", "gzip"],
    ["br;q=0, gzip;q=0", undefined],
    ["identity", undefined],
    ["deflate", undefined],
    ["", undefined],
    [undefined, undefined],
    ["gzip;q=nonsense", undefined],
  ])("a client accepting %p is answered in %p", (header, encoding) => {
    expect(negotiateEncoding(header)).toBe(encoding);
  });
});
