-- Server-wide settings (server uuid, secrets).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- update_seq is bumped under this row's lock (SELECT … FOR UPDATE): one writer per database at a time,
-- so sequences are gap-free and commit in order across every server process.
CREATE TABLE databases (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  update_seq BIGINT NOT NULL DEFAULT 0,
  doc_count BIGINT NOT NULL DEFAULT 0,
  doc_del_count BIGINT NOT NULL DEFAULT 0
);

-- Document ids sort by code point (COLLATE "C"), as CouchDB's raw collation and the SQLite storage do.
CREATE TABLE documents (
  db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  deleted BOOLEAN NOT NULL,
  rev_tree TEXT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (db_id, doc_id)
);
CREATE UNIQUE INDEX documents_by_seq ON documents (db_id, seq);

CREATE TABLE revisions (
  db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT COLLATE "C" NOT NULL,
  rev TEXT NOT NULL,
  deleted BOOLEAN NOT NULL,
  body TEXT NOT NULL,
  attachments TEXT NOT NULL,
  PRIMARY KEY (db_id, doc_id, rev)
);

CREATE TABLE doc_tags (
  db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT COLLATE "C" NOT NULL,
  tag TEXT NOT NULL,
  seq BIGINT NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (db_id, doc_id, tag)
);
CREATE INDEX doc_tags_by_tag_seq ON doc_tags (db_id, tag, seq);
CREATE INDEX doc_tags_by_tag_doc ON doc_tags (db_id, tag, doc_id);

CREATE TABLE attachments (
  digest TEXT PRIMARY KEY,
  data BYTEA NOT NULL
);

CREATE TABLE local_docs (
  db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (db_id, owner, doc_id)
);
