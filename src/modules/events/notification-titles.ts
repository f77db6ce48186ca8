import type { Language } from "../../shared/language";
import { Message, renderMessage, t } from "../../shared/messages";
import type { EventType } from "./event-outbox";

/** What a notification of each event type says, rendered in the reader's language when read or mailed. */
const NOTIFICATION_TITLES: Record<EventType, Message> = {
  "approval.step_waiting": t("An approval request waits for your decision"),
  "approval.decided": t("Your approval request was decided"),
  "approval.escalated": t("An approval request was escalated to you"),
  "case.step_changed": t("A service case moved to another step"),
  "task.overdue": t("Work is overdue"),
  "risk.warning_raised": t("A risk indicator crossed its warning threshold"),
  "complaint.opened": t("A complaint was opened"),
  "evidence_package.accessed": t("An evidence package was accessed"),
  "member.invited": t("A member was invited"),
};

/** The title of a notification of `type` in `language`; a type unknown to this version reads as itself. */
export function notificationTitle(type: string, language: Language): string {
  const title = NOTIFICATION_TITLES[type as EventType];
  return title ? renderMessage(title, language) : type;
}
