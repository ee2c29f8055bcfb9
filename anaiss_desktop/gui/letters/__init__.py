"""Form letters in the application: write one from a dossier, read a kept one, make a batch.

Everything here shows or prints a PDF held in memory (SPEC §3: nothing personal written to
disk in clear); a file is written only when the person asks for a copy, after being told it
will not be encrypted. QtPdf is loaded by these modules only, and they are imported on first
use (a dossier's "Courrier…", a letter in the timeline, "Courriers en série…"), so starting
the application does not pay for it.
"""
