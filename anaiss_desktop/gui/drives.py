"""The drives an export can go to, removable ones first (USB sticks, memory cards).

Qt lists the mounted volumes (:class:`QStorageInfo`) but does not say which are removable, so
this module asks the system: on Windows the drive type (``GetDriveTypeW``), on Linux the
kernel's ``removable`` flag of the disk or a USB bus in its device path, and the usual mount
folders of desktop environments (``/media``, ``/run/media``) as a fallback; on macOS any volume
under ``/Volumes`` other than the start-up disk. A drive that is not recognised as removable is
still offered, below the others, and the export warns before writing there: files on an
internal disk stay on the PC, unencrypted.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

# Volumes that hold no user files (kernel and runtime file systems, system images).
_SKIPPED_TYPES = {
    "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "debugfs",
    "tracefs", "pstore", "bpf", "mqueue", "hugetlbfs", "configfs", "fusectl", "autofs",
    "squashfs", "overlay", "binfmt_misc", "efivarfs", "ramfs", "nsfs", "rpc_pipefs",
}
_SKIPPED_ROOTS = ("/proc", "/sys", "/dev", "/run", "/boot", "/snap", "/var/lib/docker")
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")


@dataclass(frozen=True)
class Drive:
    """A place the export can be written to.

    Args:
        root: the folder the files go to (the volume's root, or a folder the person chose).
        label: the volume's name as the person knows it ("KINGSTON", "Disque local (C:)").
        removable: a USB stick, a memory card… (see the module docstring).
        read_only: the volume is mounted read-only.
        free_bytes: the room left on it.
    """

    root: Path
    label: str
    removable: bool
    read_only: bool
    free_bytes: int


def list_drives() -> list[Drive]:
    """The mounted volumes one could write to: removable ones first, then by name."""
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()):
            continue
        root = volume.rootPath()
        fs_type = bytes(volume.fileSystemType().data()).decode("ascii", "replace")
        device = bytes(volume.device().data()).decode("utf-8", "replace")
        if _skipped(root, fs_type):
            continue
        drives.append(Drive(
            Path(root), volume.displayName() or root, is_removable(root, device),
            volume.isReadOnly(), volume.bytesAvailable(),
        ))
    return sorted(drives, key=lambda d: (not d.removable, d.label.lower(), str(d.root)))


def drive_of(folder: Path) -> Drive:
    """The drive a folder the person chose belongs to (its label and removability)."""
    volume = QStorageInfo(str(folder))
    device = bytes(volume.device().data()).decode("utf-8", "replace")
    root = volume.rootPath() or str(folder)
    return Drive(Path(folder), volume.displayName() or root,
                 is_removable(root, device), volume.isReadOnly(), volume.bytesAvailable())


def _skipped(root: str, fs_type: str) -> bool:
    if fs_type in _SKIPPED_TYPES:
        return True
    if root.startswith("/run/media/"):
        return False
    return any(root == r or root.startswith(r + "/") for r in _SKIPPED_ROOTS)


def is_removable(root: str, device: str) -> bool:
    """Whether the volume mounted at ``root`` from ``device`` is a removable one."""
    if sys.platform == "win32":
        return _windows_removable(root)
    if sys.platform.startswith("linux") and device.startswith("/dev/"):
        flag = _linux_removable(device)
        if flag is not None:
            return flag
    if sys.platform == "darwin":
        return root.startswith("/Volumes/")
    return any(root.startswith(prefix) for prefix in _REMOVABLE_ROOTS)


def _windows_removable(root: str) -> bool:
    import ctypes

    drive_removable = 2
    return ctypes.windll.kernel32.GetDriveTypeW(root) == drive_removable  # type: ignore[attr-defined]


def _linux_removable(device: str) -> bool | None:
    """The kernel's view of the disk behind ``device`` (None when it cannot be found)."""
    name = os.path.basename(os.path.realpath(device))
    link = Path("/sys/class/block") / name
    if not link.exists():
        return None
    block = Path(os.path.realpath(link))  # …/block/sda/sda1: the disk is the parent
    disk = block if (block / "removable").exists() else block.parent
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
        return "/usb" in os.path.realpath(disk / "device")
    except OSError:
        return None
