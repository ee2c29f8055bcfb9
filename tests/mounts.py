"""Real drives that fail the way USB sticks do: small or read-only tmpfs mounts.

A full stick and a write-protected one cannot be faked with permissions when the tests run as
root (root ignores them), so the tests mount a real tmpfs of the size or mode they need. That
needs root and a kernel that allows it; elsewhere the test is skipped, saying why. The mount is
detached lazily at the end, whatever the test did (a test may have detached it already, like a
pulled-out stick).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """``folder`` (created if needed) as a tmpfs mounted with ``options`` ("size=16k",
    "ro,size=1m"…)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("monter un système de fichiers demande les droits root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("montage tmpfs non permis ici")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
