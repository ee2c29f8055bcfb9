-- Schema 2: persons (usagers), dossiers, interventions, notes, aids, échéances, coded lists,
-- search indexes, drafts. Every personal field is optional but the usage name (SPEC §4).

-- Coded lists (typologies). A code is never deleted nor renamed, so statistics stay comparable
-- across years; a manager retires it instead. NR (Non renseigné) and AUTRE are system codes.
CREATE TABLE codes (
    id         INTEGER PRIMARY KEY,
    list_name  TEXT NOT NULL,
    code       TEXT NOT NULL,
    label      TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    system     INTEGER NOT NULL DEFAULT 0 CHECK (system IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (list_name, code)
);
CREATE TRIGGER codes_never_deleted BEFORE DELETE ON codes
BEGIN SELECT RAISE(ABORT, 'a code is never deleted'); END;
CREATE TRIGGER codes_never_renamed BEFORE UPDATE OF list_name, code ON codes
BEGIN SELECT RAISE(ABORT, 'a code never changes'); END;

CREATE TABLE persons (
    id                    INTEGER PRIMARY KEY,
    usage_name            TEXT NOT NULL CHECK (length(trim(usage_name)) > 0),
    birth_name            TEXT NOT NULL DEFAULT '',
    first_names           TEXT NOT NULL DEFAULT '',
    birth_date            TEXT,                       -- AAAA-MM-JJ or NULL
    sex                   TEXT CHECK (sex IN ('F', 'M')),
    address               TEXT NOT NULL DEFAULT '',
    postal_code           TEXT NOT NULL DEFAULT '',
    city                  TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    nir                   TEXT NOT NULL DEFAULT '',
    family_code           TEXT NOT NULL DEFAULT 'NR', -- list situation_familiale
    family_text           TEXT NOT NULL DEFAULT '',
    sort_name             TEXT NOT NULL DEFAULT '',   -- normalised "usage name first names"
    created_at            TEXT NOT NULL,
    created_by            INTEGER REFERENCES accounts(id),
    updated_at            TEXT NOT NULL
);
CREATE INDEX persons_sort ON persons(sort_name);
CREATE INDEX persons_birth ON persons(birth_date);

-- Normalised name tokens and phonetic keys, one row each: indexed prefix search as you type
-- and duplicate candidates without scanning 100,000 persons.
CREATE TABLE person_search (
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('token', 'phonetic')),
    value     TEXT NOT NULL,
    PRIMARY KEY (kind, value, person_id)
) WITHOUT ROWID;
CREATE INDEX person_search_person ON person_search(person_id);

CREATE TABLE household_members (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    relation   TEXT NOT NULL DEFAULT '',
    birth_date TEXT
);
CREATE INDEX household_person ON household_members(person_id);

CREATE TABLE dossiers (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,             -- "2026-000123"
    person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    referent_id     INTEGER NOT NULL REFERENCES accounts(id),
    status          TEXT NOT NULL DEFAULT 'ouvert' CHECK (status IN ('ouvert', 'veille', 'clos')),
    opened_on       TEXT NOT NULL,
    status_on       TEXT NOT NULL,                    -- since when the current status holds
    closed_on       TEXT,
    closing_code    TEXT NOT NULL DEFAULT 'NR',       -- list motif_cloture
    closing_text    TEXT NOT NULL DEFAULT '',
    origin_code     TEXT NOT NULL DEFAULT 'NR',       -- list origine
    origin_text     TEXT NOT NULL DEFAULT '',
    consent_on      TEXT,                             -- the person was informed on
    consent_mode    TEXT NOT NULL DEFAULT 'NR',       -- list mode_information
    notice_given    INTEGER NOT NULL DEFAULT 0 CHECK (notice_given IN (0, 1)),
    consent_share   INTEGER NOT NULL DEFAULT 0 CHECK (consent_share IN (0, 1)),
    last_contact_on TEXT,                             -- latest intervention date
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX dossiers_person ON dossiers(person_id);
CREATE INDEX dossiers_referent ON dossiers(referent_id, status, last_contact_on);
CREATE INDEX dossiers_status_opened ON dossiers(status, opened_on);

CREATE TABLE dossier_motifs (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,                          -- list motif
    free_text  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, code)
) WITHOUT ROWID;
CREATE INDEX dossier_motifs_code ON dossier_motifs(code);

-- Administrative follow-up (level 2): what happened, when, how long, in a few words.
CREATE TABLE interventions (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    on_date      TEXT NOT NULL,
    kind_code    TEXT NOT NULL DEFAULT 'NR',          -- list type_intervention
    kind_text    TEXT NOT NULL DEFAULT '',
    duration_min INTEGER CHECK (duration_min IS NULL OR duration_min >= 0),
    summary      TEXT NOT NULL DEFAULT '',
    author_id    INTEGER NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX interventions_dossier ON interventions(dossier_id, on_date);
CREATE INDEX interventions_date ON interventions(on_date);

-- Professional secret (level 3). Visibility 'dossier': those who open the dossier;
-- 'personnelle': the author, plus the colleagues named in note_shares.
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    intervention_id INTEGER REFERENCES interventions(id) ON DELETE CASCADE,
    author_id       INTEGER NOT NULL REFERENCES accounts(id),
    visibility      TEXT NOT NULL DEFAULT 'dossier' CHECK (visibility IN ('dossier', 'personnelle')),
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX notes_dossier ON notes(dossier_id, created_at);
CREATE INDEX notes_intervention ON notes(intervention_id);

CREATE TABLE note_shares (
    note_id    INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (note_id, account_id)
) WITHOUT ROWID;

CREATE TABLE aids (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    intervention_id INTEGER REFERENCES interventions(id) ON DELETE SET NULL,
    type_code       TEXT NOT NULL DEFAULT 'NR',        -- list type_aide
    type_text       TEXT NOT NULL DEFAULT '',
    organisation    TEXT NOT NULL DEFAULT '',
    requested_on    TEXT,
    outcome_code    TEXT NOT NULL DEFAULT 'EN_COURS',  -- list issue_aide
    outcome_on      TEXT,
    amount_cents    INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX aids_dossier ON aids(dossier_id);

-- Appointments (rdv) and follow-ups (suivi) with their owner's daily list.
CREATE TABLE echeances (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('rdv', 'suivi')),
    due_at     TEXT NOT NULL,                          -- AAAA-MM-JJ or AAAA-MM-JJTHH:MM (local)
    label      TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    done_at    TEXT,
    owner_id   INTEGER NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL
);
CREATE INDEX echeances_owner ON echeances(owner_id, done_at, due_at);
CREATE INDEX echeances_dossier ON echeances(dossier_id, due_at);

-- Full text (FTS5, accents ignored) over summaries and notes, kept in step by triggers.
CREATE VIRTUAL TABLE interventions_fts USING fts5(
    summary, content='interventions', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER interventions_fts_insert AFTER INSERT ON interventions BEGIN
    INSERT INTO interventions_fts(rowid, summary) VALUES (new.id, new.summary);
END;
CREATE TRIGGER interventions_fts_delete AFTER DELETE ON interventions BEGIN
    INSERT INTO interventions_fts(interventions_fts, rowid, summary)
    VALUES ('delete', old.id, old.summary);
END;
CREATE TRIGGER interventions_fts_update AFTER UPDATE OF summary ON interventions BEGIN
    INSERT INTO interventions_fts(interventions_fts, rowid, summary)
    VALUES ('delete', old.id, old.summary);
    INSERT INTO interventions_fts(rowid, summary) VALUES (new.id, new.summary);
END;

CREATE VIRTUAL TABLE notes_fts USING fts5(
    body, content='notes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;

-- "Recently opened" on the home screen (the audit log is for accountability, not for this).
CREATE TABLE recent_dossiers (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    opened_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, dossier_id)
) WITHOUT ROWID;
CREATE INDEX recent_dossiers_by_time ON recent_dossiers(account_id, opened_at);

-- Forms being typed, saved as they change and before an idle lock, inside the encrypted store.
CREATE TABLE drafts (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    draft_key  TEXT NOT NULL,
    payload    TEXT NOT NULL,                          -- JSON
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, draft_key)
) WITHOUT ROWID;

-- Sequences that must never go back (dossier numbers per year).
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
