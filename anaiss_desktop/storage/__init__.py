"""SQLCipher storage: connection, migrations, repositories, error mapping. No Qt here."""
