"""Process hardening: no core dump carrying the key, no station file readable by others."""

from __future__ import annotations

import contextlib
import os


def disable_core_dumps() -> None:
    try:
        import resource
    except ImportError:  # Windows: no core files by default (WER dumps are off for this process)
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a key buffer in place before dropping it."""
    if buffer is None:
        return
    for i in range(len(buffer)):
        buffer[i] = 0


def restrict_new_files() -> None:
    """Files and folders this process creates are its owner's only (umask 077).

    SQLCipher creates the database, its WAL and the pre-migration copies itself; the umask is
    the one switch that covers them all. Windows keeps the ACLs of the user's profile folder.
    """
    if os.name == "posix":
        os.umask(0o077)
