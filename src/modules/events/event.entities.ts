import { Field, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, IsUrl, MaxLength } from "class-validator";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";

@Entity({ name: "notifications" })
@ObjectType({ description: "An in-app notice of an event to one member: only its recipient reads it" })
export class Notification extends TenantRow {
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column("text")
  @Field({ description: "The event type (`approval.step_waiting`, `case.step_changed`, …)" })
  type!: string;

  /** The title in English, as recorded; the API renders it in each reader's language (notification-titles.ts). */
  @Column("text")
  title!: string;

  @Column({ name: "subject_type", type: "text" })
  @Field({ description: "The GraphQL type of what the event is about (`ApprovalRequest`, `ServiceCase`, …)" })
  subjectType!: string;

  @Column({ name: "subject_id", type: "uuid" })
  @Field({ description: "The id of what the event is about; read it through its own query, which RLS filters" })
  subjectId!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the notification was made" })
  createdAt!: Date;

  @Column({ name: "read_at", type: "timestamptz", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the recipient marked it read; null while unread" })
  readAt!: Date | null;
}

@Entity({ name: "webhooks" })
@ObjectType({ description: "Where the acting tenant's own events of the chosen types are POSTed, signed with the webhook's secret" })
export class Webhook extends TenantRow {
  @Column("text")
  @Field({ description: "The http(s) URL events are POSTed to" })
  url!: string;

  @Column({ name: "event_types", type: "text", array: true })
  @Field(() => [String], { description: "The event types sent to it" })
  eventTypes!: string[];

  @Column("boolean")
  @Field({ description: "False once disabled after repeated failed deliveries" })
  active!: boolean;

  @Column({ name: "consecutive_failures", type: "int" })
  consecutiveFailures!: number;

  @Column({ name: "created_by", type: "uuid" })
  createdBy!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was created" })
  createdAt!: Date;
}

@ObjectType({ description: "A new webhook with its signing secret, shown this once" })
export class CreatedWebhook {
  @Field(() => Webhook, { description: "The webhook" })
  webhook!: Webhook;

  @Field({ description: "Signs every delivery (x-linkpass-signature); store it now, it is never shown again" })
  secret!: string;
}

@InputType({ description: "A webhook for the acting tenant's own events" })
export class CreateWebhookInput {
  @Field({ description: "The http(s) URL to POST events to" })
  @MaxLength(2000)
  @IsUrl({ protocols: ["http", "https"], require_protocol: true, require_tld: false })
  url!: string;

  @Field(() => [String], { description: "The event types to send (DESIGN §8.3)" })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  eventTypes!: string[];
}

@Entity({ name: "webhook_deliveries" })
@ObjectType({ description: "One event sent to one webhook: its attempts and their outcome" })
export class WebhookDelivery extends TenantRow {
  @Column({ name: "webhook_id", type: "uuid" })
  webhookId!: string;

  @Column({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column({ name: "event_type", type: "text" })
  @Field({ description: "The event's type" })
  eventType!: string;

  @Column("text")
  @Field({ description: "PENDING (attempted again later), DELIVERED, or FAILED after its last attempt" })
  status!: string;

  @Column("int")
  @Field(() => Int, { description: "Attempts made so far" })
  attempts!: number;

  @Column({ name: "last_status_code", type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt; null when it got no answer" })
  lastStatusCode!: number | null;

  @Column({ name: "next_attempt_at", type: "timestamptz" })
  nextAttemptAt!: Date;

  @Column({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When the event was queued for this webhook" })
  createdAt!: Date;
}

@ObjectType({ description: "Which event types reach the member by e-mail, beside the in-app notification" })
export class NotificationPreferences {
  @Field(() => [String], { description: "Event types also sent by e-mail (many at once arrive as one digest)" })
  emailEventTypes!: string[];
}
