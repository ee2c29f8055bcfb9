"""Use cases: check access, write the audit log, return plain data. No Qt here."""
