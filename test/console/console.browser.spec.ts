import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BrowserContext, Page, chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { VISIBLE_TENANTS } from "../support/demo-network";
import { addMembership } from "../support/owner-rows";
import { useTestApp } from "../support/test-app";

/*
 * The console in a real browser (Debian's Chromium, driven by playwright-core) against the
 * running test server. One browser for the file; every wait is for a selector, never a delay.
 * Screenshots of each view land in test-output/console/ for review.
 */
const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = join(__dirname, "../../test-output/console");
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

const app = useTestApp();
let context: BrowserContext;
let profile: string;
/** Requests the browser tried to send anywhere but the test server, and page errors (a CSP refusal is one). */
const outside: string[] = [];
const problems: string[] = [];

const origin = () => new URL(app.app.url).origin;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "console-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: "en-GB",
    viewport: { width: 1280, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  await context.route("**/*", (route) => {
    if (new URL(route.request().url()).origin === origin() || route.request().url().startsWith("blob:")) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

afterEach(() => {
  expect(outside).toEqual([]);
  expect(problems).toEqual([]);
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return page;
}

async function signIn(email: string): Promise<Page> {
  const page = await openPage();
  await page.goto(`${origin()}/console`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", DEMO_PASSWORD);
  await page.click("form.sign-in button[type=submit]");
  await page.waitForSelector("table.network tbody tr");
  return page;
}

const codesIn = (page: Page, selector: string) => page.$$eval(selector, (rows) => rows.map((row) => row.getAttribute("data-tenant-code")));

async function openReport(page: Page): Promise<void> {
  await page.click("nav a[data-view=report]");
  await page.waitForSelector("[data-chart=cases-by-step] svg");
}

describe.each(["president@hq.demo", "president@cn-sz.demo", "admin@cn-sh-cert.demo"])("signed in as %s", (email) => {
  it("the network and the report show exactly the tenants the member may read", async () => {
    const page = await signIn(email);
    expect((await codesIn(page, "table.network tbody tr")).sort()).toEqual([...VISIBLE_TENANTS[email]].sort());
    await openReport(page);
    expect((await codesIn(page, "table.report tbody tr")).sort()).toEqual([...VISIBLE_TENANTS[email]].sort());
    await page.close();
  });
});

describe("the views", () => {
  let page: Page;
  beforeAll(async () => {
    page = await signIn("president@hq.demo");
    await page.screenshot({ path: join(SCREENSHOTS, "network.png"), fullPage: true });
  });
  afterAll(() => page.close());

  it("the report draws one bar segment per tenant and step with cases, and one bar per tenant", async () => {
    const { networkReport } = await app.as("president@hq.demo").data(`{ networkReport { rows { tenant { code } casesByStep { count } } } }`);
    const rows = networkReport.rows.filter((row: any) => row.tenant);
    const segments = rows.flatMap((row: any) => row.casesByStep).filter((entry: any) => entry.count > 0).length;
    await openReport(page);
    const drawn = await page.$$eval(
      "[data-chart=cases-by-step] svg path",
      (paths, palette) => paths.filter((path) => palette.includes((path.getAttribute("fill") ?? "").toLowerCase())).length,
      PALETTE,
    );
    expect(segments).toBeGreaterThan(0);
    expect(drawn).toBe(segments);
    const labels = await page.$$eval("[data-chart=cases-by-step] svg text", (texts) => texts.map((text) => text.textContent));
    for (const row of rows) expect(labels).toContain(row.tenant.code);
    await page.waitForSelector("[data-chart=over-months] svg");
    const lineLabels = await page.$$eval("[data-chart=over-months] svg text", (texts) => texts.map((text) => text.textContent));
    expect(lineLabels).toEqual(expect.arrayContaining(["Clients", "Cases"]));
    await page.screenshot({ path: join(SCREENSHOTS, "report.png"), fullPage: true });
  });

  it("the period picker asks the server for that period's figures", async () => {
    const period = { from: "2026-01-01T00:00:00.000Z", to: "2026-07-01T00:00:00.000Z" };
    const { networkReport } = await app.as("president@hq.demo").data(`query($from: DateTimeISO, $to: DateTimeISO) { networkReport(from: $from, to: $to) { rows { tenant { code } cases } } }`, period);
    await openReport(page);
    await page.fill("input[name=from]", "2026-01-01");
    await page.fill("input[name=to]", "2026-07-01");
    await page.click("form.period button[type=submit]");
    await page.waitForSelector(`[data-period='${JSON.stringify(period)}'] table.report`);
    const shown = await page.$$eval("table.report tbody tr", (rows) => rows.map((row) => [row.getAttribute("data-tenant-code"), Number(row.children[2].textContent)]));
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(networkReport.rows.filter((row: any) => row.tenant).map((row: any) => [row.tenant.code, row.cases])));
  });

  it("the report downloads as the server's CSV", async () => {
    await openReport(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[name=csv]")]);
    expect(download.suggestedFilename()).toBe("network-report.csv");
  });

  it("KPIs are listed against their targets, with every miss highlighted", async () => {
    const { kpiStatus } = await app.as("president@hq.demo").data(`{ kpiStatus { id value meetsTarget } }`);
    await page.click("nav a[data-view=kpis]");
    await page.waitForSelector("table.kpis tbody tr");
    expect(await page.locator("table.kpis tbody tr").count()).toBe(kpiStatus.length);
    expect(await page.locator("table.kpis tbody tr.miss").count()).toBe(kpiStatus.filter((status: any) => status.meetsTarget === false).length);
    await page.waitForSelector("[data-chart=kpis] svg");
    const bars = await page.$$eval("[data-chart=kpis] svg path", (paths) => paths.map((path) => path.getAttribute("fill")?.toLowerCase()));
    expect(bars.filter((fill) => fill === "#c0392b").length).toBe(kpiStatus.filter((status: any) => status.meetsTarget === false && status.value !== null).length);
    expect(bars.filter((fill) => fill === "#59a14f").length).toBe(kpiStatus.filter((status: any) => status.meetsTarget === true).length);
    await page.screenshot({ path: join(SCREENSHOTS, "kpis.png"), fullPage: true });
  });

  it("a case shows its ten steps as a timeline", async () => {
    await page.click("nav a[data-view=case]");
    await page.click("ul.cases li a");
    await page.waitForSelector("ol.timeline li.current");
    expect(await page.locator("ol.timeline li").count()).toBe(10);
    await page.screenshot({ path: join(SCREENSHOTS, "case.png"), fullPage: true });
  });
});

describe("the inbox", () => {
  it("an approval decided in the console leaves the inbox", async () => {
    const approver = await firstApproverWithWork(["president@hq.demo", "president@cn.demo", "president@cn-sh.demo", "president@my.demo"]);
    const page = await signIn(approver);
    await page.click("nav a[data-view=inbox]");
    await page.waitForSelector("ul.inbox li");
    await page.screenshot({ path: join(SCREENSHOTS, "inbox.png"), fullPage: true });
    const item = page.locator("ul.inbox li").first();
    const id = await item.getAttribute("data-approval-id");
    await item.locator("input[name=reason]").fill("Decided in the console");
    await item.locator("button[name=reject]").click();
    await page.waitForSelector(`[data-approval-id="${id}"]`, { state: "detached" });
    const { approvalInbox } = await app.as(approver).data(`{ approvalInbox(first: 100) { edges { node { id } } } }`);
    expect(approvalInbox.edges.map((edge: any) => edge.node.id)).not.toContain(id);
    const { node } = await app.as(approver).data(`query($id: ID!) { node(id: $id) { ... on ApprovalRequest { status } } }`, { id });
    expect(node.status).toBe("REJECTED");
    await page.close();
  });
});

describe("the membership switcher", () => {
  it("switching membership changes what is shown", async () => {
    const owner = app.database.owner;
    const { rows } = await owner.query("SELECT id FROM users WHERE email = 'admin@cn-it.demo'");
    await addMembership(owner, rows[0].id, "MY-KL", "PRESIDENT");
    const page = await signIn("admin@cn-it.demo");
    expect(await codesIn(page, "table.network tbody tr")).toEqual(["CN-IT"]);
    const myKl = await page.locator("select[name=membership] option", { hasText: "MY-KL" }).getAttribute("value");
    await page.selectOption("select[name=membership]", myKl!);
    await page.waitForSelector("table.network tbody tr[data-tenant-code=MY-KL]");
    expect(await codesIn(page, "table.network tbody tr")).toEqual(["MY-KL"]);
    await page.close();
  });
});

describe("the token", () => {
  it("stays in the tab's memory: a reload asks to sign in again", async () => {
    const page = await signIn("president@cn-sz.demo");
    await page.reload();
    await page.waitForSelector("form.sign-in");
    expect(await page.locator("table.network").count()).toBe(0);
    await page.close();
  });

  it("a wrong password is refused on the sign-in form", async () => {
    const page = await openPage();
    await page.goto(`${origin()}/console`);
    await page.fill("input[name=email]", "president@cn-sz.demo");
    await page.fill("input[name=password]", "not-the-password");
    await page.click("form.sign-in button[type=submit]");
    await page.waitForSelector("form.sign-in .error");
    await page.close();
  });
});

describe("the language follows the browser", () => {
  it.each([
    ["zh-CN", "登录"],
    ["zh-TW", "登入"],
    ["en-US", "Sign in"],
  ])("a browser preferring %s signs in with %s", async (language, signIn) => {
    const page = await openPage();
    // Runs in the page, before the console reads the browser's languages.
    await page.addInitScript(`Object.defineProperty(Navigator.prototype, "languages", { get: () => [${JSON.stringify(language)}] })`);
    await page.goto(`${origin()}/console`);
    expect(await page.textContent("form.sign-in button[type=submit]")).toBe(signIn);
    if (language === "zh-CN") await page.screenshot({ path: join(SCREENSHOTS, "sign-in-zh-CN.png") });
    await page.close();
  });
});

describe("the explorer", () => {
  it("loads from the server alone and shows the schema's editor", async () => {
    const page = await openPage();
    await page.goto(`${origin()}/graphiql`);
    await page.waitForSelector(".graphiql-container .graphiql-query-editor .monaco-editor");
    await page.screenshot({ path: join(SCREENSHOTS, "explorer.png") });
    await page.close();
  });
});

async function firstApproverWithWork(emails: string[]): Promise<string> {
  for (const email of emails) {
    const { approvalInbox } = await app.as(email).data(`{ approvalInbox(first: 1) { totalCount } }`);
    if (approvalInbox.totalCount > 0) return email;
  }
  throw new Error(`none of ${emails.join(", ")} has an approval waiting`);
}
