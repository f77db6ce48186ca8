import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { EXPORT_COLUMNS } from "../../src/modules/reporting/report-csv";
import { REPORT_HEADER_LABELS } from "../../src/modules/reporting/report-labels";
import { useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
const CHINESE_NAME = "廣州市天河區服務中心";
const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';

const fetchReport = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`http://127.0.0.1:${t.app.port}/reports/${path}`, {
    headers: { authorization: `Bearer ${await t.login("president@hq.demo")}`, ...headers },
  });
  expect(response.status).toBe(200);
  return response;
};
const csvOf = async (report: string) => {
  const bytes = Buffer.from(await (await fetchReport(`${report}.csv`)).arrayBuffer());
  return { bytes, lines: parseCsv(bytes, { bom: true }) as string[][] };
};
const workbookOf = async (report: string, language?: string) => {
  const response = await fetchReport(`${report}.xlsx`, language ? { "accept-language": language } : {});
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as any);
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
};

/** The CSV's text of a workbook cell: numbers as written, booleans as csv-stringify writes them, dates as ISO instants in the report's zone. */
const asCsvText = (cell: ExcelJS.CellValue | undefined, offsetMs: number): string => {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "boolean") return cell ? "1" : "";
  if (cell instanceof Date) return new Date(cell.getTime() - offsetMs).toISOString();
  return String(cell);
};

describe("spreadsheet exports Excel opens correctly", () => {
  beforeAll(async () => {
    await t.database.owner.query("UPDATE tenants SET name = $1 WHERE code = 'CN-SZ'", [CHINESE_NAME]);
    await t.database.owner.query("UPDATE tenants SET name = $1 WHERE code = 'MY-KL'", [FORMULA_NAME]);
  });

  it.each(["network-report", "kpi-status"])("%s.csv begins with a UTF-8 byte-order mark and keeps Chinese names intact", async (report) => {
    const { bytes, lines } = await csvOf(report);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines.some((line) => line.includes(CHINESE_NAME))).toBe(true);
  });

  it.each(["network-report", "kpi-status"])("%s.xlsx parses, and its figures equal the CSV's cell for cell", async (report) => {
    const [{ lines }, workbook] = await Promise.all([csvOf(report), workbookOf(report)]);
    expect(workbook.length).toBe(lines.length);
    const shanghaiOffset = 8 * 3_600_000;
    for (const [i, line] of lines.entries()) {
      if (i === 0) continue;
      expect(line.map((_, j) => asCsvText(workbook[i][j], shanghaiOffset))).toEqual(line);
    }
  });

  it("numbers are numeric cells, text that looks like a formula stays text", async () => {
    const [header, ...rows] = await workbookOf("network-report");
    const clients = header.indexOf("Clients");
    expect(clients).toBeGreaterThan(-1);
    for (const row of rows) expect(typeof row[clients]).toBe("number");
    const names = rows.map((row) => row[1]);
    expect(names).toContain(`'${FORMULA_NAME}`);
    expect(names).toContain(CHINESE_NAME);
    expect(rows.flat().some((cell) => typeof cell === "object" && cell !== null && "formula" in cell)).toBe(false);
  });

  it("kpi-status.xlsx writes its period as date cells", async () => {
    const response = await fetchReport("kpi-status.xlsx?month=2026-02");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as any);
    const first = workbook.worksheets[0].getRow(2);
    const from = first.getCell(9).value;
    expect(from).toBeInstanceOf(Date);
    // The local first of February in Shanghai, written at its wall time.
    expect((from as Date).toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it.each([
    ["zh-CN", "客户数"],
    ["zh-TW,zh;q=0.8", "客戶數"],
    ["zh-HK", "客戶數"],
    ["en-GB,en;q=0.9", "Clients"],
    ["fr-FR", "Clients"],
  ])("the header row follows Accept-Language %s", async (language, clientsLabel) => {
    const [header] = await workbookOf("network-report", language);
    expect(header).toContain(clientsLabel);
  });

  it("every column of every export has a header label (the catalogues hold it in all three languages)", () => {
    expect(EXPORT_COLUMNS.filter((column) => !(column in REPORT_HEADER_LABELS))).toEqual([]);
  });
});
