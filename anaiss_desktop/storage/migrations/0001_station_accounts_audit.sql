-- Schema 1: the station, its accounts, policy settings, login records and the audit log.

CREATE TABLE station (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    service_name    TEXT NOT NULL,
    service_address TEXT NOT NULL DEFAULT '',
    service_phone   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name            TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('assistant', 'manager', 'secretary')),
    social_worker        INTEGER NOT NULL DEFAULT 0 CHECK (social_worker IN (0, 1)),
    phone                TEXT NOT NULL DEFAULT '',
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    password_changed_at  TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

-- Argon2id hashes of the previous passwords, to refuse reuse of the last ones.
CREATE TABLE password_history (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    hash       TEXT NOT NULL,
    set_at     TEXT NOT NULL
);
CREATE INDEX password_history_account ON password_history(account_id, id);

-- One row per successful login; failures counted in the key-slot file are copied here.
CREATE TABLE login_records (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    failures_before INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_records_account ON login_records(account_id, id);

-- Append-only, hash-chained. Never holds the content of notes.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
