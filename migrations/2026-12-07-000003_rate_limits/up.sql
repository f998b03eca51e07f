-- Abuse limits shared by every API replica (crates/db/src/rate_limits.rs).
--
-- A counter: one row per bucket and fixed window, incremented by a single
-- INSERT … ON CONFLICT (bucket, window_start) DO UPDATE statement, so parallel requests each
-- get their own count. A claim ("at most once per interval", the payment status re-check):
-- one row per bucket at window_start = 'epoch', taken again only once expires_at has passed.
CREATE TABLE rate_limits (
    -- 'password_reset:ip:<address>', 'tickets:user:<uuid>', 'payment_status:<uuid>', …
    bucket       text NOT NULL,
    window_start timestamptz NOT NULL,
    -- The row counts for nothing from then on; the periodic clean-up deletes it.
    expires_at   timestamptz NOT NULL,
    count        bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limits_expires_at_idx ON rate_limits (expires_at);
