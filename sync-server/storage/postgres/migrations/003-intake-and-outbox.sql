-- Citizen-portal intake and the citizen e-mail outbox, as the SQLite migration 004.
CREATE TABLE intake_counters (
  year INTEGER PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);

CREATE TABLE intake_submissions (
  portal_submission_id TEXT PRIMARY KEY,
  protocol TEXT NOT NULL UNIQUE,
  submission_sha256 TEXT NOT NULL,
  document TEXT NOT NULL,
  stored BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX intake_submissions_unstored ON intake_submissions (stored) WHERE NOT stored;

CREATE TABLE mail_outbox (
  decision_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  queued_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  next_attempt_at TEXT,
  sent_at TEXT
);
CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state IN ('queued', 'retrying');

CREATE TABLE mail_feed_cursor (
  db TEXT PRIMARY KEY,
  since TEXT NOT NULL
);
