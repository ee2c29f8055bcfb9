"""Key slots, Argon2id, the station lock, the audit hash chain. No Qt here."""
