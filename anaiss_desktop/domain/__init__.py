"""Pure rules and data: no Qt, no SQL. Tested without a display or a database."""
