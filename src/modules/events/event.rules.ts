import { allow, chain } from "graphql-shield";
import { actingRule, hasAuthority2, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** A president or a deputy of the acting tenant (never an auditor), for its own webhooks. */
const isPresidentOrDeputy = actingRule("isPresidentOrDeputy", (acting) => acting.role === "PRESIDENT" || acting.role === "DEPUTY");
const readsWebhooks = chain(isMember, hasAuthority2, isPresidentOrDeputy);
const managesWebhooks = chain(isMember, writesOwnTenant, isPresidentOrDeputy);

/** Notifications are each member's own (RLS: the recipient alone); webhooks belong to the acting tenant's leaders. */
export const eventRules: RuleTree = {
  Query: {
    notifications: isMember,
    unreadNotificationCount: isMember,
    notificationPreferences: isMember,
    webhooks: readsWebhooks,
    webhookDeliveries: readsWebhooks,
  },
  Mutation: {
    markNotificationsRead: isMember,
    setNotificationPreferences: isMember,
    createWebhook: managesWebhooks,
    deleteWebhook: managesWebhooks,
    redeliverWebhook: managesWebhooks,
  },
  Subscription: { notificationAdded: isMember },
  Notification: allow,
  NotificationConnection: allow,
  NotificationEdge: allow,
  NotificationPreferences: allow,
  Webhook: allow,
  CreatedWebhook: allow,
  WebhookDelivery: allow,
  WebhookDeliveryConnection: allow,
  WebhookDeliveryEdge: allow,
};
