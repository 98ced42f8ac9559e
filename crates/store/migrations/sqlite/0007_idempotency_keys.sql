-- Idempotency keys: a form or API request carries a random key, and a repeat of the same
-- request (double click, resend after a timeout) gets the first one's result instead of
-- creating a second record. `result` is empty while the first request is still running.
CREATE TABLE idempotency_keys (
    user_id    BIGINT NOT NULL,
    key        TEXT   NOT NULL,
    result     TEXT   NOT NULL DEFAULT '',
    created_at TEXT   NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
