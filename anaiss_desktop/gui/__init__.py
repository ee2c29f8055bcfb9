"""Qt widgets, dialogs and models. They receive services, never a database connection."""
