"""Writing to a chosen drive: all files or none, read back, and a French reason when it fails.

Full and read-only drives are real: small tmpfs mounts (the tests need root; they are skipped
where mounting is not allowed). A pulled-out stick is a lazy unmount between two files.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from mounts import tmpfs as mounted

from anaiss_desktop.services import drive_write
from anaiss_desktop.services.drive_write import WriteFailed, existing, write_files

FILES = [("a.csv", b"un;deux\r\n" * 100), ("a.pdf", b"%PDF" + bytes(3000)), ("a.json", b"{}")]


def _left(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_all_files_written_and_read_back(tmp_path: Path) -> None:
    written = write_files(tmp_path, FILES)
    assert [w.path.name for w in written] == ["a.csv", "a.pdf", "a.json"]
    for (name, data), w in zip(FILES, written, strict=True):
        assert (tmp_path / name).read_bytes() == data
        assert w.size == len(data)
    assert _left(tmp_path) == ["a.csv", "a.json", "a.pdf"]  # no temporary file left


def test_existing_names_are_reported_and_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old")
    assert existing(tmp_path, [n for n, _ in FILES]) == ["a.pdf"]
    write_files(tmp_path, FILES)
    assert (tmp_path / "a.pdf").read_bytes() == FILES[1][1]


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="n'existe plus"):
        write_files(tmp_path / "absent", FILES)


def test_full_drive_is_said_before_writing(tmp_path: Path) -> None:
    with mounted(tmp_path / "cle", "size=16k") as drive:
        with pytest.raises(WriteFailed) as caught:
            write_files(drive, FILES + [("gros.bin", bytes(200_000))])
        assert "plus assez de place" in caught.value.message
        assert _left(drive) == []


def test_full_drive_during_writing_leaves_nothing(tmp_path: Path) -> None:
    # Free space looks sufficient (no margin asked), the drive fills up while writing.
    with mounted(tmp_path / "cle", "size=64k") as drive:
        margin = drive_write.MARGIN_BYTES
        drive_write.MARGIN_BYTES = -10**9
        try:
            with pytest.raises(WriteFailed) as caught:
                write_files(drive, [("a.csv", bytes(40_000)), ("b.csv", bytes(40_000))])
        finally:
            drive_write.MARGIN_BYTES = margin
        assert caught.value.message == drive_write.FULL
        assert _left(drive) == []


def test_read_only_drive(tmp_path: Path) -> None:
    with mounted(tmp_path / "cle", "ro,size=1m") as drive:
        with pytest.raises(WriteFailed) as caught:
            write_files(drive, FILES)
        assert caught.value.message == drive_write.READ_ONLY
        assert _left(drive) == []


def test_stick_pulled_out_between_files(tmp_path: Path, monkeypatch) -> None:
    """The stick goes away after the first temporary file: nothing is left anywhere."""
    drive = tmp_path / "cle"
    with mounted(drive, "size=1m"):
        real = drive_write._write_synced
        calls = []

        def write_then_pull(path: Path, data: bytes) -> None:
            calls.append(path)
            if len(calls) == 2:
                subprocess.run(["umount", "-l", str(drive)], check=True)
            real(path, data)

        monkeypatch.setattr(drive_write, "_write_synced", write_then_pull)
        with pytest.raises(WriteFailed) as caught:
            write_files(drive, FILES)
    assert caught.value.message == drive_write.GONE
    assert _left(drive) == []  # the folder under the mount point holds nothing either


def test_french_reason_for_each_cause() -> None:
    import errno

    assert drive_write.failure_message(OSError(errno.ENOSPC, "x")) == drive_write.FULL
    assert drive_write.failure_message(OSError(errno.EIO, "x")) == drive_write.DEVICE
    assert drive_write.failure_message(OSError(errno.EACCES, "x")) == drive_write.READ_ONLY
    assert "rien n'a été laissé" in drive_write.failure_message(OSError(errno.EBADF, "x"))
