import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { liveSubjects } from "./live-subscriptions";
import { notificationTitle } from "./notification-titles";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { CreateWebhookInput, CreatedWebhook, Notification, NotificationPreferences, Webhook, WebhookDelivery } from "./event.entities";
import {
  countUnreadNotifications,
  notificationById,
  createWebhook,
  deleteWebhook,
  listNotifications,
  listWebhookDeliveries,
  listWebhooks,
  markNotificationsRead,
  notificationPreferences,
  redeliverWebhook,
  setNotificationPreferences,
} from "./event.service";

export const NotificationConnection = Connection(Notification, "Notification");
export const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");

@ArgsType()
class NotificationListArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: "Only those not yet marked read" })
  unreadOnly?: boolean | null;
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The caller's own notifications in the acting membership, newest first; any member" })
  async notifications(@Args() args: NotificationListArgs, @Ctx() ctx: RequestContext) {
    return new NotificationConnection(await listNotifications(await ctx.memberSession(), args));
  }

  @Query(() => Int, { description: "How many of the caller's notifications in the acting membership are unread; any member" })
  async unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return countUnreadNotifications(await ctx.memberSession());
  }

  @Mutation(() => Int, { description: "Marks the caller's own notifications read; answers how many were unread; any member" })
  async markNotificationsRead(
    @Arg("ids", () => [ID], { description: "The notifications' ids (others' ids change nothing)" }) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return markNotificationsRead(await ctx.memberSession(), ids);
  }

  @Subscription(() => Notification, {
    description: "Each new notification of the caller in the acting membership, over graphql-ws; re-read under the caller's tenant settings; any member",
    subscribe: ({ context }) => liveSubjects(context, () => true, (session, notification) => notificationById(session, notification.notificationId)),
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }

  @FieldResolver(() => String, { description: "A one-line title, in the caller's language (Accept-Language)" })
  title(@Root() notification: Notification, @Ctx() ctx: RequestContext): string {
    return notificationTitle(notification.type, ctx.language);
  }

  @Query(() => NotificationPreferences, { description: "Which event types also reach the caller by e-mail; any member" })
  async notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreferences> {
    return notificationPreferences(await ctx.memberSession());
  }

  @Mutation(() => NotificationPreferences, { description: "Sets which event types also reach the caller by e-mail (several at once come as one digest); any member" })
  async setNotificationPreferences(
    @Arg("emailEventTypes", () => [String], { description: "Event types to receive by e-mail; empty: none" }) emailEventTypes: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationPreferences> {
    return setNotificationPreferences(await ctx.memberSession(), emailEventTypes);
  }
}

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: "The acting tenant's webhooks; its president or a deputy" })
  async webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return listWebhooks(await ctx.memberSession());
  }

  @Query(() => WebhookDeliveryConnection, { description: "A webhook's deliveries, newest first; the acting tenant's president or a deputy" })
  async webhookDeliveries(
    @Arg("webhookId", () => ID, { description: "The webhook's id" }) webhookId: string,
    @Args() args: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new WebhookDeliveryConnection(await listWebhookDeliveries(await ctx.memberSession(), webhookId, args));
  }

  @Mutation(() => CreatedWebhook, {
    description: "A webhook for the acting tenant's own events; the secret is shown once; private and loopback targets are refused unless allowed; its president or a deputy",
  })
  async createWebhook(@Arg("input", { description: "The URL and the event types" }) input: CreateWebhookInput, @Ctx() ctx: RequestContext): Promise<CreatedWebhook> {
    return createWebhook(await ctx.memberSession(), input, { jwtSecret: ctx.jwtSecret, allowedHosts: ctx.settings.webhookAllowedHosts });
  }

  @Mutation(() => Boolean, { description: "Deletes a webhook of the acting tenant with its delivery history; its president or a deputy" })
  async deleteWebhook(@Arg("id", () => ID, { description: "The webhook's id" }) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return deleteWebhook(await ctx.memberSession(), id);
  }

  @Mutation(() => WebhookDelivery, { description: "Sends a delivery again now, with the same delivery id; its president or a deputy" })
  async redeliverWebhook(@Arg("deliveryId", () => ID, { description: "The delivery's id" }) deliveryId: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return redeliverWebhook(await ctx.memberSession(), deliveryId);
  }
}
