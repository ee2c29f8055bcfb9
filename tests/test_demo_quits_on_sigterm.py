"""``anaiss-desktop --demo`` stopped by SIGTERM (a desktop session ending) ends like « Quitter »:
the process exits 0 and the throwaway demo station is deleted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_sigterm_removes_the_demo_station(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               ANAISS_HOME=str(tmp_path / "jamais"))
    process = subprocess.Popen([sys.executable, "-m", "anaiss_desktop", "--demo"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            demos = list(tmp_path.glob("anaiss-demo-*/station/keyslots.json"))
            if demos:
                break
            time.sleep(0.2)
        assert demos, "la station de démonstration n'a pas été créée"
        time.sleep(1.5)  # the login window is up
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert list(tmp_path.glob("anaiss-demo-*")) == []
    assert not (tmp_path / "jamais").exists()
