"""The signed-in person's own screens ("Mon compte"): absences and covering colleagues, the
dossiers they consulted, their personal notes left in dossiers they no longer follow."""
