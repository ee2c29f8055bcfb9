-- Retention (issue 7): dossiers are due by their last contact (the latest intervention, or the
-- opening without one); the manager's home counts them at every refresh, so the expression is
-- indexed instead of scanning every dossier.
CREATE INDEX dossiers_last_contact ON dossiers(coalesce(last_contact_on, opened_on));
