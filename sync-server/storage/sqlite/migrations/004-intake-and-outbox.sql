-- Citizen-portal intake: a yearly protocol counter and one row per portal submission. The row is committed
-- with its counter step, before the request document is written; `stored` stays 0 until that write
-- succeeds, and start-up writes the rows a crash left unstored (the document is kept here, byte for byte).
CREATE TABLE intake_counters (
  year INTEGER PRIMARY KEY,
  last_sequence INTEGER NOT NULL
) STRICT;

CREATE TABLE intake_submissions (
  portal_submission_id TEXT PRIMARY KEY,
  protocol TEXT NOT NULL UNIQUE,
  -- sha256 of the canonical JSON of the validated submission: the same id with another body is a conflict.
  submission_sha256 TEXT NOT NULL,
  document TEXT NOT NULL,
  stored INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX intake_submissions_unstored ON intake_submissions (stored) WHERE stored = 0;

-- Citizen e-mails of decisions: server-only, never replicated. One row per decision document id, so
-- enqueueing again (after a restart, or a replayed change) is a no-op.
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
) STRICT;
CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state IN ('queued', 'retrying');

-- How far the outbox has read a database's changes feed; advanced in the transaction that enqueues.
CREATE TABLE mail_feed_cursor (
  db TEXT PRIMARY KEY,
  since TEXT NOT NULL
) STRICT;
