import { graphql } from "../api";
import { h, show } from "../dom";
import { STEP_ORDER, formatDate, t } from "../i18n";
import type { View } from "../main";

interface CaseSummary {
  id: string;
  title: string;
  step: string;
  tenant: { code: string };
}

interface ServiceCase extends CaseSummary {
  tier: string;
  openedAt: string;
  client: { name: string };
  serviceRecords: { id: string; kind: string; place: string; startedAt: string; outcome: string | null }[];
  history: { at: string; fromStep: string | null; toStep: string; note: string | null; actor: { displayName: string } | null }[];
}

/** A case's ten steps as a timeline (done, current, ahead) with its transitions; without an id, the cases to pick from. */
export const caseView: View = async (root, id) => {
  if (!id) {
    const { serviceCases } = await graphql<{ serviceCases: { edges: { node: CaseSummary }[] } }>(
      `query Cases { serviceCases(first: 100) { edges { node { id title step tenant { code } } } } }`,
    );
    show(
      root,
      h("h2", {}, t.pickCase),
      h("ul", { class: "cases" }, serviceCases.edges.map(({ node }) => h("li", {}, h("a", { href: `#/case/${node.id}` }, node.title), ` · ${node.tenant.code} · ${t.steps[node.step as keyof typeof t.steps]}`))),
    );
    return;
  }
  const { serviceCase } = await graphql<{ serviceCase: ServiceCase | null }>(
    `query Case($id: ID!) { serviceCase(id: $id) { id title step tier openedAt tenant { code } client { name }
      serviceRecords { id kind place startedAt outcome }
      history { at fromStep toStep note actor { displayName } } } }`,
    { id },
  );
  if (!serviceCase) return show(root, h("p", { class: "error" }, t.noData));
  const reached = STEP_ORDER.indexOf(serviceCase.step as (typeof STEP_ORDER)[number]);
  const enteredAt = new Map(serviceCase.history.map((entry) => [entry.toStep, entry.at]));
  show(
    root,
    h("h2", {}, serviceCase.title),
    h("p", {}, `${serviceCase.tenant.code} · ${serviceCase.client.name} · ${serviceCase.tier} · ${formatDate(serviceCase.openedAt)}`),
    h(
      "ol",
      { class: "timeline" },
      STEP_ORDER.map((step, index) =>
        h("li", { class: index < reached ? "done" : index === reached ? "current" : "ahead", "data-step": step }, h("b", {}, t.steps[step]), h("small", {}, formatDate(enteredAt.get(step)))),
      ),
    ),
    h("h3", {}, t.history),
    h(
      "ul",
      { class: "history" },
      serviceCase.history.map((entry) =>
        h("li", {}, `${formatDate(entry.at)} · ${entry.fromStep ? t.steps[entry.fromStep as keyof typeof t.steps] : "—"} → ${t.steps[entry.toStep as keyof typeof t.steps]}`, entry.actor && ` · ${entry.actor.displayName}`, entry.note && h("q", {}, entry.note)),
      ),
    ),
    h("h3", {}, t.records),
    serviceCase.serviceRecords.length === 0
      ? h("p", {}, t.noData)
      : h("ul", { class: "records" }, serviceCase.serviceRecords.map((record) => h("li", {}, `${formatDate(record.startedAt)} · ${record.kind} · ${record.place}`, record.outcome && h("q", {}, record.outcome)))),
  );
};
