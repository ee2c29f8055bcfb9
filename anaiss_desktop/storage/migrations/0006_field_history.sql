-- Schema 6: rectification keeps a history (SPEC §7), and an erasure leaves no trace in the
-- full-text indexes.

-- One row per changed field of a person or a dossier: who changed it, when, the value before
-- and after. Values are kept raw, as the record stores them (codes, ISO dates, account ids;
-- a small JSON array for a field the dossier window shows as one line, such as the address):
-- labels are looked up when the history is read, as everywhere else.
-- person_id is the person concerned (for a dossier, its person): erasing the person erases its
-- history with it (ON DELETE CASCADE, and secure_delete overwrites the pages).
CREATE TABLE field_changes (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL CHECK (entity IN ('personne', 'dossier')),
    entity_id  INTEGER NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_by INTEGER REFERENCES accounts(id),
    changed_at TEXT NOT NULL
);
CREATE INDEX field_changes_entity ON field_changes(entity, entity_id, changed_at);
-- The cascade looks rows up by person: without this index every erasure scans the table.
CREATE INDEX field_changes_person ON field_changes(person_id);

-- A dossier deleted on its own (a purge at the end of the retention period) takes its history
-- with it; a dossier moved to another person (a merge) takes it along.
CREATE TRIGGER field_changes_dossier_deleted AFTER DELETE ON dossiers BEGIN
    DELETE FROM field_changes WHERE entity = 'dossier' AND entity_id = old.id;
END;
CREATE TRIGGER field_changes_dossier_moved AFTER UPDATE OF person_id ON dossiers BEGIN
    UPDATE field_changes SET person_id = new.person_id
    WHERE entity = 'dossier' AND entity_id = new.id;
END;

-- Erasure must leave no trace (SPEC §3, §7). PRAGMA secure_delete overwrites the pages SQLite
-- frees, but an FTS5 index keeps a deleted row's tokens in its segments (only marked deleted)
-- until a later merge rewrites them: the words of an erased person's summaries and notes would
-- stay in the database file. FTS5's 'secure-delete' option (SQLite 3.44 and later; SQLCipher
-- ships 3.53) removes them from the index at once. The option is stored with each table, so it
-- holds for every later connection.
INSERT INTO interventions_fts(interventions_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO notes_fts(notes_fts, rank) VALUES ('secure-delete', 1);
