"""Atomic file replacement: write a temporary file beside the target, fsync, rename, fsync dir.

A crash or a pulled-out drive leaves either the old file or the new one, never half of one. The
temporary file lives in the target's folder so the rename stays on one filesystem.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes, *, temp: Path | None = None) -> None:
    """Replace ``target`` by ``data`` atomically; on any error the old file is untouched.

    ``temp`` names the temporary file (in the same folder); by default a hidden one.
    """
    target = Path(target)
    tmp = temp if temp is not None else target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # Owner-only: a station's files are nobody else's business, even on a shared PC.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
