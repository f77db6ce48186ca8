import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Domain events leave through an outbox written in the transaction that caused them: a request
 * only adds rows (as itself: the actor is the caller) and reads none; the delivery job (the
 * migration role, like the other jobs) fans them out to notifications, e-mail and webhooks.
 * Notifications are read by their recipient alone; webhooks and their deliveries by the members
 * of the webhook's own tenant, never by a parent; a webhook's secret is never readable by a request.
 */
export class Events1765230000000 implements MigrationInterface {
  name = "Events1765230000000";

  public async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type ~ '^[a-z_]+\\.[a-z_]+$'),
        subject_type text NOT NULL CHECK (subject_type ~ '^[A-Z][A-Za-z]+$'),
        subject_id uuid NOT NULL,
        actor_id uuid REFERENCES users (id),
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        dispatched_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (id)
      );
      CREATE INDEX events_pending ON events (occurred_at) WHERE dispatched_at IS NULL;
      CREATE INDEX events_subject ON events (subject_id, type);
      CREATE INDEX events_tenant_occurred ON events (tenant_id, occurred_at);
      CREATE INDEX events_actor_id ON events (actor_id);
      ALTER TABLE events ENABLE ROW LEVEL SECURITY;
      ALTER TABLE events FORCE ROW LEVEL SECURITY;
      -- A request records events as its caller, of tenants it reads; it reads back only their ids and changes none.
      CREATE POLICY tenant_insert ON events FOR INSERT TO linkpass_app
        WITH CHECK (dispatched_at IS NULL AND actor_id = (SELECT app.current_user_id()));
      CREATE POLICY tenant_read ON events FOR SELECT TO linkpass_app USING (tenant_id = ANY ((SELECT app.visible_tenant_ids())::uuid[]));
      CREATE POLICY tenant_update ON events FOR UPDATE TO linkpass_app USING (false);
      CREATE POLICY event_dispatch ON events FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      GRANT SELECT (id), INSERT (tenant_id, type, subject_type, subject_id, actor_id, data) ON events TO linkpass_app;

      -- Wakes the delivery workers once the recording transaction commits (a rollback sends nothing).
      CREATE FUNCTION app.announce_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('linkpass_events', 'recorded');
        RETURN NULL;
      END $$;
      CREATE TRIGGER events_recorded AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION app.announce_events();

      CREATE TABLE notifications (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        event_id uuid NOT NULL REFERENCES events (id),
        type text NOT NULL,
        title text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (event_id, user_id)
      );
      CREATE INDEX notifications_recipient ON notifications (tenant_id, user_id, created_at, id);
      CREATE INDEX notifications_unread ON notifications (tenant_id, user_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_user_id ON notifications (user_id);
      CREATE UNIQUE INDEX notifications_id ON notifications (id);
      ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
      -- The recipient alone, in the membership it was made for; only the dispatcher adds them.
      CREATE POLICY tenant_read ON notifications FOR SELECT TO linkpass_app
        USING (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY tenant_insert ON notifications FOR INSERT TO linkpass_app WITH CHECK (false);
      CREATE POLICY tenant_update ON notifications FOR UPDATE TO linkpass_app
        USING (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()))
        WITH CHECK (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY event_dispatch ON notifications FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      GRANT SELECT, UPDATE (read_at) ON notifications TO linkpass_app;

      CREATE TABLE notification_preferences (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        user_id uuid NOT NULL REFERENCES users (id),
        email_event_types text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX notification_preferences_user_id ON notification_preferences (user_id);
      ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_read ON notification_preferences FOR SELECT TO linkpass_app
        USING (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY tenant_insert ON notification_preferences FOR INSERT TO linkpass_app
        WITH CHECK (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY tenant_update ON notification_preferences FOR UPDATE TO linkpass_app
        USING (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()))
        WITH CHECK (user_id = (SELECT app.current_user_id()) AND tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY event_dispatch ON notification_preferences FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      GRANT SELECT, INSERT, UPDATE (email_event_types, updated_at) ON notification_preferences TO linkpass_app;

      -- A notification waiting for its recipient's e-mail, sent alone or in a digest with others.
      CREATE TABLE notification_emails (
        notification_id uuid PRIMARY KEY REFERENCES notifications (id),
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        mailed_at timestamptz
      );
      CREATE INDEX notification_emails_pending ON notification_emails (user_id) WHERE mailed_at IS NULL;
      -- The job's alone: no policy lets a request read or write it.
      ALTER TABLE notification_emails ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notification_emails FORCE ROW LEVEL SECURITY;
      CREATE POLICY event_dispatch ON notification_emails FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      GRANT SELECT (notification_id) ON notification_emails TO linkpass_app;

      CREATE TABLE webhooks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (url ~ '^https?://'),
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        secret_ciphertext text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        consecutive_failures int NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX webhooks_tenant_created ON webhooks (tenant_id, created_at, id);
      CREATE INDEX webhooks_created_by ON webhooks (created_by);
      ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhooks FORCE ROW LEVEL SECURITY;
      -- The acting tenant's own, never its parent's view of a child's.
      CREATE POLICY tenant_read ON webhooks FOR SELECT TO linkpass_app USING (tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY tenant_insert ON webhooks FOR INSERT TO linkpass_app
        WITH CHECK (tenant_id = (SELECT app.acting_tenant_id()) AND tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]));
      CREATE POLICY tenant_update ON webhooks FOR UPDATE TO linkpass_app USING (false);
      CREATE POLICY tenant_delete ON webhooks FOR DELETE TO linkpass_app
        USING (tenant_id = (SELECT app.acting_tenant_id()) AND tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]));
      CREATE POLICY event_dispatch ON webhooks FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      SELECT app.audit_tenant_table('webhooks');
      GRANT SELECT (tenant_id, id, url, event_types, active, consecutive_failures, created_by, created_at),
            INSERT (tenant_id, url, event_types, secret_ciphertext, created_by), DELETE ON webhooks TO linkpass_app;

      CREATE TABLE webhook_deliveries (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL,
        event_id uuid NOT NULL REFERENCES events (id),
        event_type text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','FAILED')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (webhook_id, event_id),
        FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX webhook_deliveries_history ON webhook_deliveries (tenant_id, webhook_id, created_at, id);
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX webhook_deliveries_event_id ON webhook_deliveries (event_id);
      ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_read ON webhook_deliveries FOR SELECT TO linkpass_app USING (tenant_id = (SELECT app.acting_tenant_id()));
      CREATE POLICY tenant_insert ON webhook_deliveries FOR INSERT TO linkpass_app WITH CHECK (false);
      -- Redelivery: back to PENDING, nothing else.
      CREATE POLICY tenant_update ON webhook_deliveries FOR UPDATE TO linkpass_app
        USING (tenant_id = (SELECT app.acting_tenant_id()) AND tenant_id = ANY ((SELECT app.writable_tenant_ids())::uuid[]))
        WITH CHECK (tenant_id = (SELECT app.acting_tenant_id()) AND status = 'PENDING');
      CREATE POLICY event_dispatch ON webhook_deliveries FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
      GRANT SELECT, UPDATE (status, next_attempt_at) ON webhook_deliveries TO linkpass_app;

      -- A redelivery asked for by a request wakes the workers after its commit.
      CREATE TRIGGER webhook_redelivery_requested AFTER UPDATE OF status ON webhook_deliveries
        FOR EACH STATEMENT EXECUTE FUNCTION app.announce_events();
    `);
  }

  public async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE webhook_deliveries, webhooks, notification_emails, notification_preferences, notifications, events;
      DROP FUNCTION app.announce_events();
    `);
  }
}
