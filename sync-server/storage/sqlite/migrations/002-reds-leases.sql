-- REDS number blocks. The counter and the lease rows change in one transaction; the UNIQUE constraint makes
-- an overlapping allocation fail even if the counter were wrong.
CREATE TABLE reds_counters (
  year INTEGER PRIMARY KEY,
  next_sequence INTEGER NOT NULL
) STRICT;

CREATE TABLE reds_leases (
  lease_id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  first_sequence INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence >= first_sequence),
  workstation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  leased_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'returned', 'expired')),
  closed_at TEXT,
  returned_from_sequence INTEGER,
  -- 0 until the lease's `reds_lease` document is written (repaired at start-up after a crash).
  published INTEGER NOT NULL DEFAULT 0,
  UNIQUE (year, first_sequence),
  UNIQUE (year, last_sequence)
) STRICT;
CREATE INDEX reds_leases_by_owner ON reds_leases (workstation_id, user_id, status);
CREATE INDEX reds_leases_by_leased_at ON reds_leases (leased_at);
CREATE INDEX reds_leases_by_status_expiry ON reds_leases (status, expires_at);

-- One number per request, claimed when its ledger entry is checked. `epoch` tells claims of an earlier
-- server run, whose ledger write may have died with it, from those of this run. The lease and sequence
-- give an expiring block its last issued number without scanning the ledger.
CREATE TABLE reds_request_numbers (
  request_id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  lease_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  epoch INTEGER NOT NULL
) STRICT;
CREATE INDEX reds_request_numbers_by_lease ON reds_request_numbers (lease_id, sequence);

CREATE TABLE reds_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
) STRICT;
INSERT INTO reds_epoch (id, epoch) VALUES (1, 0);
