-- Each person's choices, per topic, where they differ from the default (the bell and an email).
CREATE TABLE notification_preferences (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- domain::notification_preferences::Topic
    topic      text NOT NULL CHECK (topic IN ('task_assigned', 'task_comment', 'ticket_reply', 'milestone_to_approve', 'invoice_due', 'payment_received', 'ticket_resolved', 'milestone_changes_requested', 'sla_alert', 'payment_flagged', 'new_lead', 'follow_up_due')),
    in_app     boolean NOT NULL,
    -- `instant` or `off`
    email      text NOT NULL CHECK (email IN ('instant', 'off')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, topic)
);
