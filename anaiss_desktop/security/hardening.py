"""Process hardening: no core dump may carry the database key or decrypted pages to disk."""

from __future__ import annotations

import contextlib


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
