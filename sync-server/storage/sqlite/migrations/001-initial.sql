-- Server-wide settings (server uuid).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE databases (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  update_seq INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per document: its revision tree and winner; seq is its place in the changes feed.
CREATE TABLE documents (
  db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  rev_tree TEXT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (db_id, doc_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX documents_by_seq ON documents (db_id, seq);

-- Bodies of the revisions the server holds (ancestors known only by id have none).
CREATE TABLE revisions (
  db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  body TEXT NOT NULL,
  attachments TEXT NOT NULL,
  PRIMARY KEY (db_id, doc_id, rev)
) STRICT, WITHOUT ROWID;

-- Scope tags of each document, with its seq so that filtered feeds walk an index.
CREATE TABLE doc_tags (
  db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  seq INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  PRIMARY KEY (db_id, doc_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX doc_tags_by_tag_seq ON doc_tags (db_id, tag, seq);
CREATE INDEX doc_tags_by_tag_doc ON doc_tags (db_id, tag, doc_id);

-- Attachment bytes, stored once per digest.
CREATE TABLE attachments (
  digest TEXT PRIMARY KEY,
  data BLOB NOT NULL
) STRICT;

CREATE TABLE local_docs (
  db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  rev TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (db_id, owner, doc_id)
) STRICT, WITHOUT ROWID;
