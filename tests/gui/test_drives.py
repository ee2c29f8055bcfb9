"""Which volumes are offered for an export, and which count as removable."""

from __future__ import annotations

import sys

import pytest

from anaiss_desktop.gui.drives import _skipped, drive_of, is_removable, list_drives


def test_system_volumes_are_not_offered():
    assert _skipped("/proc", "proc")
    assert _skipped("/sys/fs/cgroup", "cgroup2")
    assert _skipped("/run/user/1000", "tmpfs")
    assert not _skipped("/run/media/anne/CLE", "vfat")
    assert not _skipped("/home", "ext4")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="chemins Linux")
def test_desktop_mount_folders_count_as_removable():
    assert is_removable("/run/media/anne/CLE", "nodev")
    assert is_removable("/media/anne/CLE", "nodev")
    assert not is_removable("/home", "nodev")


def test_a_chosen_folder_and_the_list(qapp, tmp_path):
    drive = drive_of(tmp_path)
    assert drive.root == tmp_path and drive.free_bytes > 0
    drives = list_drives()
    assert drives == sorted(drives, key=lambda d: (not d.removable, d.label.lower(),
                                                   str(d.root)))
    assert not any(str(d.root).startswith("/proc") for d in drives)
