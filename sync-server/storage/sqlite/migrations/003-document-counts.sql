-- Live and deleted document counts kept with each database, so database info does not scan documents.
ALTER TABLE databases ADD COLUMN doc_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE databases ADD COLUMN doc_del_count INTEGER NOT NULL DEFAULT 0;
UPDATE databases SET
  doc_count = (SELECT COUNT(*) FROM documents d WHERE d.db_id = databases.id AND d.deleted = 0),
  doc_del_count = (SELECT COUNT(*) FROM documents d WHERE d.db_id = databases.id AND d.deleted = 1);
