"""One running instance per data folder: in-process, across processes, and after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from anaiss_desktop.security.instance_lock import LOCK_NAME, InstanceLock
from anaiss_desktop.storage.errors import StationBusy

BUSY_TEXT = "La station est déjà ouverte par une autre fenêtre ou une autre commande."


def test_acquire_and_release(tmp_path: Path):
    lock = InstanceLock(tmp_path / "station")
    assert not lock.held
    lock.acquire()
    assert lock.held
    assert (tmp_path / "station" / LOCK_NAME).exists()
    lock.release()
    assert not lock.held
    lock.release()  # releasing twice is harmless


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path):
    """flock belongs to the open file description: a second open of the file does not share it."""
    with InstanceLock(tmp_path):
        with pytest.raises(StationBusy) as info:
            InstanceLock(tmp_path).acquire()
        assert info.value.message.startswith(BUSY_TEXT)


def test_same_object_cannot_take_it_twice(tmp_path: Path):
    lock = InstanceLock(tmp_path)
    lock.acquire()
    try:
        with pytest.raises(StationBusy):
            lock.acquire()
        assert lock.held
    finally:
        lock.release()


def test_lock_is_free_again_after_release(tmp_path: Path):
    with InstanceLock(tmp_path):
        pass
    with InstanceLock(tmp_path) as again:
        assert again.held


def test_other_folders_are_independent(tmp_path: Path):
    with InstanceLock(tmp_path / "a"), InstanceLock(tmp_path / "b") as b:
        assert b.held


HOLDER = """
import sys, time
from anaiss_desktop.security.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1])
lock.acquire()
print("tenu", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the station's lock."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "tenu"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


@pytest.mark.slow
def test_lock_held_by_another_process_is_refused(tmp_path: Path, holder):
    with pytest.raises(StationBusy):
        InstanceLock(tmp_path).acquire()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_crashed_process_leaves_no_stale_lock(tmp_path: Path, holder):
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    with InstanceLock(tmp_path) as lock:
        assert lock.held
