-- Schema 4: form letters. Templates live in the encrypted store (shipped ones are copied in
-- from templates_courriers/, the manager adds and edits others); every letter produced keeps
-- its final text and its PDF in the dossier.

CREATE TABLE letter_templates (
    key         TEXT PRIMARY KEY,
    source      TEXT NOT NULL,           -- the template's file text (header, ---, body)
    shipped     INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1)),
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE letters (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    template_key TEXT NOT NULL,          -- kept even if the template is retired later
    title        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,          -- the final text, as validated by its author
    pdf          BLOB NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX letters_dossier ON letters(dossier_id, created_at);
