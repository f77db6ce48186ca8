import { spreadsheetCell, spreadsheetRow } from "../../src/shared/spreadsheet-cells";

describe("spreadsheet cells", () => {
  it.each(["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://evil.example","x")'])(
    "text beginning like a formula (%j) is prefixed with a single quote",
    (text) => {
      expect(spreadsheetCell(text)).toBe(`'${text}`);
    },
  );

  it("other text, and text already neutralised, is left as it is", () => {
    expect(spreadsheetRow(["CN-SH", "上海中心", " =1", "'=1", "", "1-2"])).toEqual(["CN-SH", "上海中心", " =1", "'=1", "", "1-2"]);
  });

  it("numbers stay numbers, negative ones included; empty cells stay empty", () => {
    expect(spreadsheetRow([-5, 0, 2.5, -1n, null, undefined, true])).toEqual([-5, 0, 2.5, -1n, null, undefined, true]);
  });

  it("a structured value is written as its JSON text", () => {
    expect(spreadsheetCell({ a: "=1" })).toBe('{"a":"=1"}');
  });
});
