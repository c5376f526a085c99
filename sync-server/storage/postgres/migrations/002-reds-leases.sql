-- REDS number blocks, as the SQLite migration 002. Allocation locks the year's counter row (FOR UPDATE);
-- the UNIQUE constraints make an overlapping allocation fail even if the counter were wrong.
CREATE TABLE reds_counters (
  year INTEGER PRIMARY KEY,
  next_sequence BIGINT NOT NULL
);

CREATE TABLE reds_leases (
  lease_id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  first_sequence BIGINT NOT NULL,
  last_sequence BIGINT NOT NULL CHECK (last_sequence >= first_sequence),
  workstation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  leased_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'returned', 'expired')),
  closed_at TEXT,
  returned_from_sequence BIGINT,
  published BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE (year, first_sequence),
  UNIQUE (year, last_sequence)
);
CREATE INDEX reds_leases_by_owner ON reds_leases (workstation_id, user_id, status);
CREATE INDEX reds_leases_by_leased_at ON reds_leases (leased_at);
CREATE INDEX reds_leases_by_status_expiry ON reds_leases (status, expires_at);

CREATE TABLE reds_request_numbers (
  request_id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  lease_id TEXT NOT NULL,
  sequence BIGINT NOT NULL,
  epoch BIGINT NOT NULL
);
CREATE INDEX reds_request_numbers_by_lease ON reds_request_numbers (lease_id, sequence);

-- One epoch per server process start.
CREATE SEQUENCE reds_epoch;
