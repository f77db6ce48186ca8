import { graphql } from "../api";
import { h, show } from "../dom";
import { formatDate, t } from "../i18n";
import type { View } from "../main";

interface ApprovalRequest {
  id: string;
  subjectType: string;
  level: number;
  reason: string;
  createdAt: string;
  overdue: boolean;
  tenant: { code: string };
  requester: { email: string };
}

const POLL_MS = 15_000;

/** What waits for the member's decision; refreshed by polling until the events issue brings a subscription. */
export const inboxView: View = async (root) => {
  const list = h("div", {});

  async function load(): Promise<void> {
    const { approvalInbox } = await graphql<{ approvalInbox: { edges: { node: ApprovalRequest }[] } }>(
      `query Inbox { approvalInbox(first: 100) { edges { node { id subjectType level reason createdAt overdue tenant { code } requester { email } } } } }`,
    );
    const requests = approvalInbox.edges.map((edge) => edge.node);
    show(list, requests.length === 0 ? h("p", { class: "empty" }, t.inboxEmpty) : h("ul", { class: "inbox" }, requests.map(item)));
  }

  function item(request: ApprovalRequest): HTMLElement {
    const reason = h("input", { name: "reason", placeholder: t.reason, "aria-label": t.reason });
    const problem = h("p", { class: "error", role: "alert" });
    const decide = (decision: string) => async () => {
      try {
        await graphql(`mutation Decide($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { id status } }`, {
          id: request.id,
          decision,
          reason: reason.value || undefined,
        });
        await load();
      } catch (error) {
        problem.textContent = error instanceof Error ? error.message : String(error);
      }
    };
    return h(
      "li",
      { "data-approval-id": request.id, class: request.overdue ? "overdue" : undefined },
      h("div", {}, h("b", {}, request.subjectType), ` · ${t.level} ${request.level} · ${request.tenant.code} · ${request.requester.email} · ${formatDate(request.createdAt)}`, request.overdue && h("em", {}, ` ${t.overdue}`)),
      h("div", { class: "reason" }, request.reason),
      h(
        "div",
        { class: "actions" },
        reason,
        h("button", { type: "button", name: "approve", onclick: decide("APPROVE") }, t.approve),
        h("button", { type: "button", name: "reject", onclick: decide("REJECT") }, t.reject),
        h("button", { type: "button", name: "escalate", onclick: decide("ESCALATE") }, t.escalate),
      ),
      problem,
    );
  }

  show(root, h("h2", {}, t.inbox), list);
  await load();
  const timer = setInterval(() => void load().catch(() => undefined), POLL_MS);
  return () => clearInterval(timer);
};
