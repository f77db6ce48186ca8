import "./console.css";
import { ApiError, actAs, graphql, login, signOut, signedIn } from "./api";
import { h, show } from "./dom";
import { language, t } from "./i18n";
import { caseView } from "./views/case";
import { inboxView } from "./views/inbox";
import { kpiView } from "./views/kpis";
import { networkView } from "./views/network";
import { reportView } from "./views/report";

/** A view draws itself into `root`; what it returns stops its timers when another view replaces it. */
export type View = (root: HTMLElement, argument: string | undefined) => Promise<(() => void) | void>;

const VIEWS = { network: networkView, report: reportView, kpis: kpiView, inbox: inboxView, case: caseView } satisfies Record<string, View>;
type ViewName = keyof typeof VIEWS;
const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

interface Viewer {
  user: { email: string; displayName: string };
  tenant: { id: string; code: string };
  memberships: { role: string; tenant: { id: string; code: string; name: string } }[];
}

const app = document.getElementById("app")!;
document.documentElement.lang = language;
document.title = t.title;
let stopView: (() => void) | void;

function signInForm(problem?: string): void {
  stopView?.();
  stopView = undefined;
  signOut();
  const email = h("input", { name: "email", type: "email", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const form = h(
    "form",
    { class: "sign-in", onsubmit: (event: Event) => void submit(event) },
    h("h1", {}, t.title),
    h("label", {}, t.email, email),
    h("label", {}, t.password, password),
    problem && h("p", { class: "error", role: "alert" }, problem),
    h("button", { type: "submit" }, t.signIn),
  );
  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    try {
      await login(email.value, password.value);
      await shell();
    } catch (error) {
      signInForm(error instanceof Error ? error.message : String(error));
    }
  }
  show(app, form);
}

async function shell(): Promise<void> {
  const { me } = await graphql<{ me: Viewer }>(
    `query Viewer { me { user { email displayName } tenant { id code } memberships { role tenant { id code name } } } }`,
  );
  const switcher = h(
    "select",
    { name: "membership", "aria-label": t.actingAs, onchange: () => { actAs(switcher.value); void shell(); } },
    me.memberships.map((m) => h("option", { value: m.tenant.id, selected: m.tenant.id === me.tenant.id }, `${m.tenant.code} · ${m.role}`)),
  );
  const main = h("main", { id: "view" });
  show(
    app,
    h(
      "header",
      {},
      h("strong", {}, t.title),
      h("nav", {}, VIEW_NAMES.map((name) => h("a", { href: `#/${name}`, "data-view": name }, t[name]))),
      h("span", { class: "who" }, me.user.email, " ", t.actingAs, " ", switcher),
      h("button", { type: "button", name: "sign-out", onclick: () => signInForm() }, t.signOut),
    ),
    main,
  );
  await route();
}

async function route(): Promise<void> {
  const main = document.getElementById("view");
  if (!signedIn() || !main) return;
  const [name, argument] = location.hash.replace(/^#\/?/, "").split("/");
  const view: ViewName = VIEW_NAMES.includes(name as ViewName) ? (name as ViewName) : "network";
  stopView?.();
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.getAttribute("data-view") === view);
  show(main, h("p", { class: "loading" }, t.loading));
  try {
    stopView = await VIEWS[view](main, argument);
  } catch (error) {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return signInForm(error.message);
    show(main, h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error)));
  }
}

window.addEventListener("hashchange", () => void route());
signInForm();
