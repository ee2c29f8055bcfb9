-- Schema 3: double management (covering colleagues) and fast reading of the audit log by
-- dossier and by account (the dossier's access log, "what I consulted", the absence report).

-- A covering colleague's designation: one dossier (dossier_id), or every dossier of an absent
-- referent (referent_id) for a date range. Dates are inclusive; ends_on NULL = until withdrawn.
-- Kept after it ends or is withdrawn: the referent's absence report reads it.
CREATE TABLE covers (
    id           INTEGER PRIMARY KEY,
    colleague_id INTEGER NOT NULL REFERENCES accounts(id),
    dossier_id   INTEGER REFERENCES dossiers(id) ON DELETE CASCADE,
    referent_id  INTEGER REFERENCES accounts(id),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT,
    created_by   INTEGER NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL,
    withdrawn_at TEXT,
    CHECK ((dossier_id IS NULL) <> (referent_id IS NULL)),
    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CHECK (referent_id IS NULL OR ends_on IS NOT NULL)
);
CREATE INDEX covers_colleague ON covers(colleague_id);
CREATE INDEX covers_dossier ON covers(dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX covers_referent ON covers(referent_id) WHERE referent_id IS NOT NULL;

CREATE INDEX audit_log_target ON audit_log(target, id);
CREATE INDEX audit_log_actor ON audit_log(actor, id);

-- The service's appointments of a day (the secretary's and the manager's home screens).
CREATE INDEX echeances_due ON echeances(due_at);
